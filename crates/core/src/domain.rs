//! Small closed vocabularies of the domain. Each is stored in SQLite by its `code` (a stable
//! lowercase word), serialised to JSON by the same code, and shown to users by its Dutch `label`.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// Declares a closed vocabulary with a stable code and a Dutch label per variant.
macro_rules! vocabulary {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Stable code used in the database, JSON and the CLI.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Dutch label as users read it.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.code()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::from_code(text).ok_or_else(|| {
                    FromSqlError::Other(format!("onbekende waarde '{}' voor {}", text, stringify!($name)).into())
                })
            }
        }
    };
}

vocabulary! {
    /// What kind of organisation takes part in or around the gemeenschappelijke regeling.
    pub enum OrganisationKind {
        GemeenschappelijkeRegeling = ("gemeenschappelijke_regeling", "Gemeenschappelijke regeling"),
        Uitvoeringsorganisatie = ("uitvoeringsorganisatie", "Uitvoeringsorganisatie"),
        Stichting = ("stichting", "Stichting"),
        Gemeente = ("gemeente", "Gemeente"),
        Provincie = ("provincie", "Provincie"),
        Overig = ("overig", "Overig"),
    }
}

vocabulary! {
    /// Whether a body takes decisions. `Onbekend` where the sources do not say.
    pub enum DecisionPower {
        Besluitvormend = ("besluitvormend", "Besluitvormend"),
        NietBesluitvormend = ("niet_besluitvormend", "Niet besluitvormend"),
        Onbekend = ("onbekend", "Onbekend"),
    }
}

vocabulary! {
    /// The level a body works at (AEF: "strategisch = AB, tactisch/operationeel = Netwerk-MTplus").
    pub enum BodyLevel {
        Strategisch = ("strategisch", "Strategisch"),
        TactischOperationeel = ("tactisch_operationeel", "Tactisch/operationeel"),
    }
}

vocabulary! {
    /// The level of one agenda item.
    pub enum ItemLevel {
        Strategisch = ("strategisch", "Strategisch"),
        Tactisch = ("tactisch", "Tactisch"),
        Operationeel = ("operationeel", "Operationeel"),
    }
}

vocabulary! {
    /// A person's role in a body.
    pub enum Role {
        Voorzitter = ("voorzitter", "Voorzitter"),
        Secretaris = ("secretaris", "Secretaris"),
        Portefeuillehouder = ("portefeuillehouder", "Portefeuillehouder (wethouder)"),
        Ambtenaar = ("ambtenaar", "Ambtenaar"),
        Manager = ("manager", "Manager"),
        Adviseur = ("adviseur", "Adviseur"),
    }
}

vocabulary! {
    /// Life cycle of a meeting.
    pub enum MeetingStatus {
        Concept = ("concept", "Concept"),
        Gepubliceerd = ("gepubliceerd", "Gepubliceerd"),
        Vergaderd = ("vergaderd", "Vergaderd"),
        BesluitenlijstVastgesteld = ("besluitenlijst_vastgesteld", "Besluitenlijst vastgesteld"),
    }
}

vocabulary! {
    /// What the meeting is asked to do with an agenda item.
    pub enum ItemKind {
        Hamerstuk = ("hamerstuk", "Hamerstuk"),
        TerBesluitvorming = ("ter_besluitvorming", "Ter besluitvorming"),
        TerBespreking = ("ter_bespreking", "Ter bespreking"),
        TerInformatie = ("ter_informatie", "Ter informatie"),
        IngekomenStukken = ("ingekomen_stukken", "Ingekomen stukken"),
        Rondvraag = ("rondvraag", "Rondvraag"),
    }
}

vocabulary! {
    /// Who may see an agenda item.
    pub enum Confidentiality {
        Openbaar = ("openbaar", "Openbaar"),
        Vertrouwelijk = ("vertrouwelijk", "Vertrouwelijk"),
        Besloten = ("besloten", "Besloten"),
    }
}

vocabulary! {
    /// What became of an agenda item in its meeting.
    pub enum Outcome {
        Aangenomen = ("aangenomen", "Aangenomen"),
        Verworpen = ("verworpen", "Verworpen"),
        Aangehouden = ("aangehouden", "Aangehouden"),
        Teruggetrokken = ("teruggetrokken", "Teruggetrokken"),
        Besproken = ("besproken", "Besproken"),
        VoorKennisgevingAangenomen = ("voor_kennisgeving_aangenomen", "Voor kennisgeving aangenomen"),
    }
}

vocabulary! {
    /// One municipality's vote on an AB decision.
    pub enum VoteChoice {
        Voor = ("voor", "Voor"),
        Tegen = ("tegen", "Tegen"),
        Onthouding = ("onthouding", "Onthouding"),
        Afwezig = ("afwezig", "Afwezig"),
    }
}

vocabulary! {
    /// Attendance of an invited member.
    pub enum Presence {
        Aanwezig = ("aanwezig", "Aanwezig"),
        Afwezig = ("afwezig", "Afwezig"),
        Vertegenwoordigd = ("vertegenwoordigd", "Vertegenwoordigd"),
    }
}

vocabulary! {
    /// State of an action or commitment on the actielijst.
    pub enum ActionStatus {
        Open = ("open", "Open"),
        InUitvoering = ("in_uitvoering", "In uitvoering"),
        Afgerond = ("afgerond", "Afgerond"),
        Vervallen = ("vervallen", "Vervallen"),
    }
}

vocabulary! {
    /// Where a measure comes from.
    pub enum SourcePlan {
        Omdenknotitie = ("omdenknotitie", "Omdenknotitie"),
        Aanjaagplan = ("aanjaagplan", "Aanjaagplan"),
        AefAdvies = ("aef_advies", "AEF-advies"),
        Overig = ("overig", "Overig"),
    }
}

vocabulary! {
    /// The state of a measure.
    pub enum MeasureStatus {
        Voorgesteld = ("voorgesteld", "Voorgesteld"),
        Besloten = ("besloten", "Besloten"),
        InUitvoering = ("in_uitvoering", "In uitvoering"),
        Gerealiseerd = ("gerealiseerd", "Gerealiseerd"),
        NietDoorgevoerd = ("niet_doorgevoerd", "Niet doorgevoerd"),
        AlternatiefInOntwikkeling = ("alternatief_in_ontwikkeling", "Alternatief in ontwikkeling"),
    }
}

vocabulary! {
    /// The traffic light of a measure (rule: [`crate::store::traffic_light`]).
    pub enum TrafficLight {
        Groen = ("groen", "Groen"),
        Oranje = ("oranje", "Oranje"),
        Rood = ("rood", "Rood"),
        Onbekend = ("onbekend", "Onbekend"),
    }
}

impl ActionStatus {
    /// Still to be done, so it can be overdue.
    pub fn is_pending(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InUitvoering)
    }
}

impl MeetingStatus {
    /// The life cycle moves one step forward at a time; a published agenda can go back to
    /// concept (to be re-issued). Everything else is refused.
    pub fn can_move_to(self, next: MeetingStatus) -> bool {
        use MeetingStatus::*;
        matches!(
            (self, next),
            (Concept, Gepubliceerd)
                | (Gepubliceerd, Vergaderd)
                | (Vergaderd, BesluitenlijstVastgesteld)
                | (Gepubliceerd, Concept)
        )
    }
}

impl Outcome {
    /// Outcomes that are decisions; a body that takes no decisions may not record them.
    pub fn is_decision(self) -> bool {
        matches!(self, Outcome::Aangenomen | Outcome::Verworpen)
    }
}

vocabulary! {
    /// What a council says of the proposal in its zienswijze.
    pub enum Stance {
        Instemmend = ("instemmend", "Instemmend"),
        InstemmendMetKanttekeningen = ("instemmend_met_kanttekeningen", "Instemmend met kanttekeningen"),
        NietInstemmend = ("niet_instemmend", "Niet instemmend"),
    }
}

vocabulary! {
    /// Where a nota van reactie stands: drafted by the secretariat, adopted by the DB, dealt
    /// with in the AB. See [`NotaStatus::can_move_to`].
    pub enum NotaStatus {
        Concept = ("concept", "Concept"),
        VastgesteldDoorDb = ("vastgesteld_db", "Vastgesteld door DB"),
        BehandeldInAb = ("behandeld_ab", "Behandeld in AB"),
    }
}

impl NotaStatus {
    /// Forward one step at a time; an adopted nota may go back to concept for a correction,
    /// one dealt with in the AB is final.
    pub fn can_move_to(self, next: NotaStatus) -> bool {
        use NotaStatus::*;
        matches!(
            (self, next),
            (Concept, VastgesteldDoorDb) | (VastgesteldDoorDb, BehandeldInAb) | (VastgesteldDoorDb, Concept)
        )
    }
}

vocabulary! {
    /// The parts of a zienswijze: the zienswijze itself, an attached section with its own
    /// numbering (the "overdenkingen" of a werkgroep), and closing requests.
    pub enum SectionKind {
        Zienswijze = ("zienswijze", "Zienswijze"),
        Bijlage = ("bijlage", "Bijlage bij de zienswijze"),
        Slotverzoeken = ("slotverzoeken", "Slotverzoeken"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        for kind in ItemKind::ALL {
            assert_eq!(ItemKind::from_code(kind.code()), Some(*kind));
        }
        let mut codes: Vec<_> = Outcome::ALL.iter().map(|o| o.code()).collect();
        codes.dedup();
        assert_eq!(codes.len(), Outcome::ALL.len());
        assert_eq!(ItemKind::from_code("besluit"), None);
        assert_eq!(
            serde_json::to_string(&MeetingStatus::BesluitenlijstVastgesteld).unwrap(),
            "\"besluitenlijst_vastgesteld\""
        );
    }
}
