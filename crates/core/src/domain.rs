//! Small closed vocabularies of the domain. Each is stored in SQLite by its `code` (a stable
//! lowercase word), serialised to JSON by the same code, and shown to users by its Dutch `label`.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// Declares a closed vocabulary with a stable code and a Dutch label per variant.
macro_rules! vocabulary {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $code)]
                #[cfg_attr(feature = "clap", value(name = $code, help = $label))]
                $variant
            ),+
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
        /// The meeting does not take place (STATUS:CANCELLED in the calendars).
        Afgelast = ("afgelast", "Afgelast"),
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
    /// The traffic light of a measure (rule: [`crate::measures::rules::traffic_light`]).
    pub enum TrafficLight {
        Groen = ("groen", "Groen"),
        Oranje = ("oranje", "Oranje"),
        Rood = ("rood", "Rood"),
        Onbekend = ("onbekend", "Onbekend"),
    }
}

impl DecisionPower {
    /// Whether a body of this power may take decisions. BOT sessions may not («De BOT-sessies zijn
    /// niet besluitvormend»); bodies whose power is unknown are not stopped, since the sources do
    /// not forbid it.
    pub fn takes_decisions(self) -> bool {
        self != DecisionPower::NietBesluitvormend
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
    /// concept (to be re-issued); a meeting that has not taken place can be called off, and a
    /// called-off one can be revived as a concept. Everything else is refused. With the button text of each move.
    pub const MOVES: &'static [(MeetingStatus, MeetingStatus, &'static str)] = &[
        (MeetingStatus::Concept, MeetingStatus::Gepubliceerd, "Publiceren"),
        (MeetingStatus::Gepubliceerd, MeetingStatus::Vergaderd, "Markeren als vergaderd"),
        (MeetingStatus::Gepubliceerd, MeetingStatus::Concept, "Terug naar concept"),
        (MeetingStatus::Vergaderd, MeetingStatus::BesluitenlijstVastgesteld, "Besluitenlijst vaststellen"),
        (MeetingStatus::Concept, MeetingStatus::Afgelast, "Vergadering afgelasten"),
        (MeetingStatus::Gepubliceerd, MeetingStatus::Afgelast, "Vergadering afgelasten"),
        // A called-off meeting that takes place after all starts again as a concept agenda.
        (MeetingStatus::Afgelast, MeetingStatus::Concept, "Toch laten doorgaan (terug naar concept)"),
    ];

    pub fn can_move_to(self, next: MeetingStatus) -> bool {
        Self::MOVES.iter().any(|&(from, to, _)| (from, to) == (self, next))
    }

    /// The moves a meeting in this status can make, as the screens offer them.
    pub fn next_statuses(self) -> Vec<StatusMove<MeetingStatus>> {
        StatusMove::from_table(self, Self::MOVES)
    }
}

/// One allowed status change and the Dutch text of the button that makes it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusMove<S> {
    pub status: S,
    pub label: String,
}

impl<S: Copy + PartialEq> StatusMove<S> {
    fn from_table(from: S, table: &[(S, S, &str)]) -> Vec<StatusMove<S>> {
        table
            .iter()
            .filter(|(f, _, _)| *f == from)
            .map(|&(_, status, label)| StatusMove { status, label: label.to_string() })
            .collect()
    }
}

/// A value of a closed vocabulary with its Dutch label, for choosers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Choice<T> {
    pub value: T,
    pub label: String,
}

/// Every value of a vocabulary with its label, in the vocabulary's order.
macro_rules! choices {
    ($name:ident) => {
        $name::ALL.iter().map(|&value| Choice { value, label: value.label().to_string() }).collect()
    };
}

/// The choice lists the screens offer, with the Dutch labels, from the vocabularies here and the
/// rules in [`crate::meetings::rules`]. The screens show these; they never keep label tables of their own.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Vocabularies {
    pub item_kinds: Vec<Choice<ItemKind>>,
    /// What a body that takes no decisions (BOT) may put on its agenda.
    pub item_kinds_without_decisions: Vec<Choice<ItemKind>>,
    pub item_levels: Vec<Choice<ItemLevel>>,
    pub confidentialities: Vec<Choice<Confidentiality>>,
    pub outcomes: Vec<Choice<Outcome>>,
    /// What a body that takes no decisions may record.
    pub outcomes_without_decisions: Vec<Choice<Outcome>>,
    pub vote_choices: Vec<Choice<VoteChoice>>,
    pub presences: Vec<Choice<Presence>>,
    pub action_statuses: Vec<Choice<ActionStatus>>,
    pub measure_statuses: Vec<Choice<MeasureStatus>>,
    pub source_plans: Vec<Choice<SourcePlan>>,
    pub stances: Vec<Choice<Stance>>,
    pub meeting_statuses: Vec<Choice<MeetingStatus>>,
    pub nota_statuses: Vec<Choice<NotaStatus>>,
}

impl Vocabularies {
    pub fn new() -> Vocabularies {
        let item_kinds: Vec<Choice<ItemKind>> = choices!(ItemKind);
        let outcomes: Vec<Choice<Outcome>> = choices!(Outcome);
        Vocabularies {
            item_kinds_without_decisions: item_kinds
                .iter()
                .filter(|c| crate::meetings::rules::item_kind_allowed(false, c.value))
                .cloned()
                .collect(),
            item_kinds,
            item_levels: choices!(ItemLevel),
            confidentialities: choices!(Confidentiality),
            outcomes_without_decisions: outcomes
                .iter()
                .filter(|c| crate::meetings::rules::outcome_allowed(false, c.value))
                .cloned()
                .collect(),
            outcomes,
            vote_choices: choices!(VoteChoice),
            presences: choices!(Presence),
            action_statuses: choices!(ActionStatus),
            measure_statuses: choices!(MeasureStatus),
            source_plans: choices!(SourcePlan),
            stances: choices!(Stance),
            meeting_statuses: choices!(MeetingStatus),
            nota_statuses: choices!(NotaStatus),
        }
    }
}

impl Default for Vocabularies {
    fn default() -> Self {
        Vocabularies::new()
    }
}

impl Outcome {
    /// Outcomes that are decisions; a body that takes no decisions may not record them.
    pub fn is_decision(self) -> bool {
        matches!(self, Outcome::Aangenomen | Outcome::Verworpen)
    }
}

vocabulary! {
    /// The kinds of reminder «Wat komt eraan» lists and the desktop notifications announce; each
    /// can be turned off (see [`crate::reminders`]).
    pub enum ReminderKind {
        Actie = ("actie", "Acties"),
        Toezegging = ("toezegging", "Toezeggingen"),
        ZienswijzeTermijn = ("zienswijze_termijn", "Termijnen voor zienswijzen"),
        VergaderingMorgen = ("vergadering_morgen", "Vergaderingen van morgen"),
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
    /// one dealt with in the AB is final. With the button text of each move.
    pub const MOVES: &'static [(NotaStatus, NotaStatus, &'static str)] = &[
        (NotaStatus::Concept, NotaStatus::VastgesteldDoorDb, "Vaststellen door DB"),
        (NotaStatus::VastgesteldDoorDb, NotaStatus::BehandeldInAb, "Markeren als behandeld in AB"),
        (NotaStatus::VastgesteldDoorDb, NotaStatus::Concept, "Terug naar concept"),
    ];

    pub fn can_move_to(self, next: NotaStatus) -> bool {
        Self::MOVES.iter().any(|&(from, to, _)| (from, to) == (self, next))
    }

    /// The moves a nota in this status can make, as the screens offer them.
    pub fn next_statuses(self) -> Vec<StatusMove<NotaStatus>> {
        StatusMove::from_table(self, Self::MOVES)
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

vocabulary! {
    /// What a search hit is (`SearchFilter::kinds`, the CLI's `search --kind`).
    pub enum SearchKind {
        Meeting = ("meeting", "Vergadering"),
        Item = ("item", "Agendapunt"),
        Attachment = ("attachment", "Bijlage"),
        Measure = ("measure", "Maatregel"),
        /// A point of a zienswijze.
        Point = ("point", "Zienswijze"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_without_decisions_is_offered_no_decision_kinds_or_outcomes() {
        let v = Vocabularies::new();
        assert_eq!(v.item_kinds.len(), ItemKind::ALL.len());
        assert!(!v.item_kinds_without_decisions.iter().any(|c| c.value == ItemKind::TerBesluitvorming));
        assert!(!v.outcomes_without_decisions.iter().any(|c| c.value == Outcome::Aangenomen));
        assert_eq!(v.stances[1].label, "Instemmend met kanttekeningen");
    }

    #[test]
    fn only_a_non_deciding_body_takes_no_decisions() {
        assert!(DecisionPower::Besluitvormend.takes_decisions());
        assert!(DecisionPower::Onbekend.takes_decisions(), "unknown power is not stopped");
        assert!(!DecisionPower::NietBesluitvormend.takes_decisions());
    }

    #[test]
    fn codes_round_trip_and_are_unique() {
        for kind in ItemKind::ALL {
            assert_eq!(ItemKind::from_code(kind.code()), Some(*kind));
        }
        let mut codes: Vec<_> = Outcome::ALL.iter().map(|o| o.code()).collect();
        codes.dedup();
        assert_eq!(codes.len(), Outcome::ALL.len());
        assert_eq!(ItemKind::from_code("besluit"), None);
        assert!(MeetingStatus::Gepubliceerd.can_move_to(MeetingStatus::Concept));
        assert!(!MeetingStatus::Concept.can_move_to(MeetingStatus::Vergaderd));
        assert!(NotaStatus::BehandeldInAb.next_statuses().is_empty(), "dealt with in the AB is final");
        let moves: Vec<_> = MeetingStatus::Gepubliceerd.next_statuses().into_iter().map(|m| m.status).collect();
        assert_eq!(moves, [MeetingStatus::Vergaderd, MeetingStatus::Concept, MeetingStatus::Afgelast]);
        assert!(!MeetingStatus::Vergaderd.can_move_to(MeetingStatus::Afgelast), "a held meeting cannot be called off");
        assert_eq!(
            serde_json::to_string(&MeetingStatus::BesluitenlijstVastgesteld).unwrap(),
            "\"besluitenlijst_vastgesteld\""
        );
    }
}
