//! Bestuursmap core: domain types, the SQLite store with its migrations, and the services that
//! the desktop app, the CLI and the exports share. No GUI and no PDF code lives here.
//!
//! # Layout
//! One folder per domain area: [`reference`], [`meetings`] (agenda, voting, attendance,
//! attachments), [`actions`], [`measures`], [`zienswijzen`], [`offline`] (notes, bundles, trust),
//! [`search`], [`calendar`], [`reminders`], [`publication`] and [`demo`]. Each has its records
//! (`types`, re-exported by name from the folder), its pure `rules` (which never touch the
//! store) and a `store` module with its `impl Store` block. [`store`] keeps the shared machinery:
//! open, unlock, migrations, transactions, backup, restore and check. [`domain`] holds the
//! closed vocabularies that several areas share.
//!
//! # Glossary
//! Dutch domain words stay Dutch in the code where the users use them.
//!
//! - *gemeenschappelijke regeling* (GR): the joint arrangement of the ten municipalities,
//!   Dienst Gezondheid & Jeugd (DG&J), with the Serviceorganisatie Jeugd (SOJ) inside it.
//! - *AB* (Algemeen Bestuur): the deciding body; votes are weighted per municipality
//!   («stemrecht naar rato van omvang»). See [`meetings::voting`].
//! - *DB* (Dagelijks Bestuur): prepares proposals and writes the *nota van reactie*.
//! - *Netwerk-MTplus*: municipal managers, for tactical/operational matters.
//! - *BOT* ("benen op tafel"): informal sessions that are **not decision-making**. See
//!   [`meetings::rules`] and [`reference::Body::takes_decisions`].
//! - *agendapunt*: an agenda item; *beslispunten*: its numbered decision points; *voorstel*: the proposal.
//! - *hamerstuk*: an item adopted without discussion.
//! - *besluitenlijst* / *actielijst*: list of decisions / actions of a meeting.
//! - *dossier*: one proposal as it travels its route (BOT → Netwerk-MTplus → DB → AB).
//! - *portefeuillehouder* / *wethouder*: alderman holding the youth portfolio.
//! - *trekker*: lead organisation of a measure (*maatregel*).
//! - *zienswijze*: a council's formal view on a budget (change); *nota van reactie*: the board's
//!   point-by-point reply.
//! - *stemgewicht*: vote weight of a municipality for a period.
//! - *subregio*: Drechtsteden, Alblasserwaard/Vijfheerenlanden, Hoeksche Waard (editable data).

pub mod actions;
#[cfg(test)]
mod architecture;
pub mod calendar;
pub mod demo;
pub mod domain;
pub mod error;
pub mod files;
pub mod format;
pub mod markdown;
pub mod measures;
pub mod meetings;
pub mod money;
pub mod offline;
pub mod publication;
pub mod reference;
pub mod reminders;
pub mod search;
pub mod store;
pub mod text;
pub mod zienswijzen;

pub use error::{CoreError, Result};
pub use money::Money;
pub use store::{OpenMode, Store};
