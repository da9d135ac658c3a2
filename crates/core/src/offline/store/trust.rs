//! Trust between stores: this store's own ed25519 signing key (made on first use, kept in the
//! encrypted store) and the public keys of the signers whose bundles it accepts.

use crate::error::{CoreError, Result};
use crate::offline::format::fingerprint;
use crate::offline::types::{SignerKey, TrustedSigner};
use crate::store::{local_timestamp, Store};
use base64::Engine;
use ed25519_dalek::SigningKey;
use rusqlite::{params, OptionalExtension};

pub(super) const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

fn decode_key(public_key: &str) -> Result<[u8; 32]> {
    B64.decode(public_key.trim()).ok().and_then(|b| b.try_into().ok()).ok_or_else(|| {
        CoreError::Invalid(
            "Dit is geen geldige sleutel: verwacht 44 tekens (base64), zoals `bestuursmap bundle key` toont.".into(),
        )
    })
}

impl Store {
    /// This store's signing key, made on first use.
    pub(super) fn signing_key(&mut self) -> Result<SigningKey> {
        let seed: Option<Vec<u8>> =
            self.conn().query_row("SELECT seed FROM signing_key WHERE id = 1", [], |r| r.get(0)).optional()?;
        let seed: [u8; 32] = match seed {
            Some(seed) => {
                seed.try_into().map_err(|_| CoreError::Invalid("De ondertekensleutel is beschadigd.".into()))?
            }
            None => {
                let mut seed = [0u8; 32];
                getrandom::fill(&mut seed)
                    .map_err(|e| CoreError::Invalid(format!("Geen willekeurige sleutel te maken: {e}")))?;
                self.write(|tx| {
                    tx.execute(
                        "INSERT INTO signing_key (id, seed, created_at) VALUES (1, ?1, ?2)",
                        params![&seed[..], local_timestamp()],
                    )?;
                    Ok(())
                })?;
                seed
            }
        };
        Ok(SigningKey::from_bytes(&seed))
    }

    /// The public key others need to trust this store's bundles.
    pub fn signer_key(&mut self) -> Result<SignerKey> {
        let public_key = B64.encode(self.signing_key()?.verifying_key().as_bytes());
        Ok(SignerKey { fingerprint: fingerprint(&public_key), public_key })
    }

    pub fn trust_signer(&mut self, public_key: &str, name: &str) -> Result<TrustedSigner> {
        let public_key = B64.encode(decode_key(public_key)?);
        let name = name.trim();
        if name.is_empty() {
            return Err(CoreError::Invalid("Geef de afzender een naam, bijvoorbeeld «Secretariaat DG&J».".into()));
        }
        let added_at = local_timestamp();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO trusted_signer (public_key, name, added_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (public_key) DO UPDATE SET name = excluded.name",
                params![public_key, name, added_at],
            )?;
            Ok(())
        })?;
        Ok(TrustedSigner { fingerprint: fingerprint(&public_key), public_key, name: name.to_string(), added_at })
    }

    pub fn untrust_signer(&mut self, public_key: &str) -> Result<()> {
        let changed =
            self.write(|tx| Ok(tx.execute("DELETE FROM trusted_signer WHERE public_key = ?1", [public_key.trim()])?))?;
        if changed == 0 {
            return Err(CoreError::NotFound { what: "Vertrouwde afzender", id: public_key.to_string() });
        }
        Ok(())
    }

    pub fn trusted_signers(&self) -> Result<Vec<TrustedSigner>> {
        let mut stmt = self.conn().prepare("SELECT public_key, name, added_at FROM trusted_signer ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            let public_key: String = r.get(0)?;
            Ok(TrustedSigner {
                fingerprint: fingerprint(&public_key),
                public_key,
                name: r.get(1)?,
                added_at: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
