//! The command line's arguments: every command, subcommand and option as clap structs. The help
//! texts are the doc comments (Dutch); `help.rs` makes clap's own words Dutch too.

use bestuursmap_core::domain::SearchKind;
use bestuursmap_core::meetings::voting::MajorityBasis;
use bestuursmap_core::store::DATABASE_ENV;
use bestuursmap_export::nota::NotaFormat;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "bestuursmap",
    version,
    about = "Bestuursmap: vergaderingen van AB, DB, Netwerk-MTplus en BOT voorbereiden"
)]
pub struct Cli {
    /// Databasebestand (standaard: de gegevensmap van het platform; BESTUURSMAP_DB gaat voor)
    #[arg(long, global = true, env = DATABASE_ENV, value_name = "PAD")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Maak de database aan of werk het schema bij
    Init,
    /// Laad de demodata (alleen in een lege database)
    Demo {
        /// Voeg ook een grote AB-vergadering toe (40 punten, 420 bijlagepagina's) om mee te meten
        #[arg(long)]
        large: bool,
    },
    /// Vergaderingen
    Meetings {
        #[command(subcommand)]
        command: MeetingsCommand,
    },
    /// Maak de vergaderstukken (PDF) van een vergadering
    Pack {
        /// Nummer (id) van de vergadering
        #[arg(long)]
        meeting: i64,
        /// Het PDF-bestand dat wordt geschreven
        #[arg(long, value_name = "BESTAND")]
        out: PathBuf,
        /// Persoonlijke map voor deze persoon (id of naam)
        #[arg(long, value_name = "PERSOON")]
        reader: Option<String>,
        /// Markeer elke pagina als CONCEPT
        #[arg(long)]
        draft: bool,
        /// Neem mijn privé-notities op bij de agendapunten (persoonlijke map)
        #[arg(long)]
        notes: bool,
    },
    /// Het register van maatregelen
    Measures {
        #[command(subcommand)]
        command: MeasuresCommand,
    },
    /// Schrijf een agenda (.ics) van een orgaan, een persoon of één vergadering
    Calendar(CalendarArgs),
    /// Wat komt eraan: acties en toezeggingen, termijnen voor zienswijzen, vergaderingen van morgen
    Reminders(RemindersArgs),
    /// Zoek in vergaderingen, agendapunten, besluiten, bijlagen en maatregelen
    Search {
        /// Zoekwoorden; "een zinsdeel", woord* voor een begin, EN/OF/NIET
        query: String,
        /// Alleen dit soort (mag vaker)
        #[arg(long)]
        kind: Vec<SearchKind>,
        /// Alleen dit orgaan: AB, DB, NETWERK_MTPLUS, BOT
        #[arg(long)]
        body: Option<String>,
        /// Alleen wat deze gemeente betreft (code, bijv. DORDRECHT)
        #[arg(long)]
        municipality: Option<String>,
        /// Vanaf deze datum (JJJJ-MM-DD)
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Tot en met deze datum (JJJJ-MM-DD)
        #[arg(long)]
        to: Option<NaiveDate>,
        /// Hoeveel resultaten hoogstens
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Uitvoer als JSON
        #[arg(long)]
        json: bool,
    },
    /// Bouw de zoekindex opnieuw op
    Reindex,
    /// Maak een reservekopie (versleuteld, met dezelfde wachtwoordzin)
    Backup {
        /// Schrijf de kopie naar dit bestand in plaats van naar de roulerende reservekopieën
        #[arg(long, value_name = "BESTAND")]
        out: Option<PathBuf>,
        /// Toon de roulerende reservekopieën in plaats van er een te maken
        #[arg(long)]
        list: bool,
    },
    /// Zet een reservekopie terug (de huidige toestand wordt eerst zelf bewaard)
    Restore {
        /// De reservekopie; is hij gemaakt vóór een wijziging van de wachtwoordzin, zet dan de oude in BESTUURSMAP_BACKUP_PASSPHRASE
        file: PathBuf,
    },
    /// Controleer de database: integriteit, verwijzingen en zoekindex
    Check {
        /// Uitvoer als JSON
        #[arg(long)]
        json: bool,
    },
    /// Wijzig de wachtwoordzin; de nieuwe staat in BESTUURSMAP_NEW_PASSPHRASE
    Passphrase,
    /// Toon of wijzig de stemregel van het AB (meerderheid en quorum)
    VotingRule {
        /// Wanneer een voorstel is aangenomen
        #[arg(long)]
        majority: Option<MajorityBasis>,
        /// Deel van het totale gewicht dat aanwezig moet zijn (meer dan), bijv. 0,5
        #[arg(long)]
        quorum: Option<String>,
    },
    /// Agendapunten
    Items {
        #[command(subcommand)]
        command: ItemsCommand,
    },
    /// Vergaderbundels: een vergadering ondertekend versturen en inlezen
    Bundle {
        #[command(subcommand)]
        command: BundleCommand,
    },
    /// Mijn privé-notities (blijven op deze computer)
    Notes {
        #[command(subcommand)]
        command: NotesCommand,
    },
    /// Zienswijzen van gemeenteraden
    Zienswijze {
        #[command(subcommand)]
        command: ZienswijzeCommand,
    },
    /// Zienswijzeprocedures en de nota van reactie
    Nota {
        #[command(subcommand)]
        command: NotaCommand,
    },
    /// Publiceer het openbare deel van vergaderingen (Woo) als map: HTML, bijlagen en open data
    Publish(PublishArgs),
}

#[derive(Subcommand)]
pub enum NotaCommand {
    /// Toon alle zienswijzeprocedures
    List {
        /// Uitvoer als JSON
        #[arg(long)]
        json: bool,
    },
    /// Toon een procedure per gemeente (ontvangen, punten, beantwoord, open) en de volledigheidscontrole
    Show {
        /// Nummer (id) van de procedure
        #[arg(long)]
        procedure: i64,
    },
    /// Schrijf de nota van reactie met aanbiedingsbrief als PDF of DOCX, of de hele procedure als JSON
    Export {
        /// Nummer (id) van de procedure
        #[arg(long)]
        procedure: i64,
        /// Het formaat
        #[arg(long, ignore_case = true)]
        format: NotaFormat,
        /// Het bestand dat wordt geschreven
        #[arg(long, value_name = "BESTAND")]
        out: PathBuf,
    },
    /// Lees een procedure in uit een JSON-bestand (gemaakt met nota export --format json)
    Import {
        /// Het JSON-bestand
        file: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum MeasuresCommand {
    /// Toon alle maatregelen met status, verkeerslicht en besparingen
    List {
        /// Uitvoer als JSON
        #[arg(long)]
        json: bool,
    },
    /// Maak de kwartaalrapportage (PDF)
    Report {
        /// Het kwartaal, bijvoorbeeld 2021-Q1
        #[arg(long)]
        quarter: String,
        /// Het PDF-bestand dat wordt geschreven
        #[arg(long, value_name = "BESTAND")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum ItemsCommand {
    /// Voeg een bijlage toe aan een agendapunt
    Attach {
        /// Nummer (id) van het agendapunt
        item: i64,
        /// Het bestand
        file: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum ZienswijzeCommand {
    /// Splits een brief (.txt, .docx, .odt, .rtf, .html of .pdf) in genummerde punten
    Parse {
        /// De brief van de gemeenteraad
        file: PathBuf,
        /// Uitvoer als JSON (stabiel formaat, zie README)
        #[arg(long)]
        json: bool,
    },
    /// Lees de brief van een gemeente in een procedure in (maakt de zienswijze aan als die er nog niet is)
    Import {
        /// Nummer (id) van de procedure
        #[arg(long)]
        procedure: i64,
        /// De gemeente (code, bijv. SLIEDRECHT)
        #[arg(long)]
        gemeente: String,
        /// De brief (.txt, .docx, .odt, .rtf, .html of .pdf)
        file: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum MeetingsCommand {
    /// Toon alle vergaderingen, nieuwste eerst
    List {
        /// Uitvoer als JSON
        #[arg(long)]
        json: bool,
    },
    /// Schrijf de bijlagen van een vergadering naar een map
    Attachments {
        /// Nummer (id) van de vergadering
        id: i64,
        /// De map waarin de bijlagen komen
        #[arg(long, value_name = "MAP")]
        out_dir: PathBuf,
    },
    /// Toon één vergadering met haar agenda, uitkomsten en stemmingen
    Show {
        /// Nummer (id) van de vergadering
        id: i64,
        /// Uitvoer als JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum BundleCommand {
    /// Schrijf een vergadering als ondertekende bundel (elke export is een nieuwe versie)
    Export {
        /// Nummer (id) van de vergadering
        #[arg(long)]
        meeting: i64,
        /// Het bundelbestand (.bmbundel)
        #[arg(long, value_name = "BESTAND")]
        out: PathBuf,
        /// Naam van de afzender in de bundel
        #[arg(long, default_value = "Secretariaat DG&J")]
        signer: String,
    },
    /// Lees een bundel in (alles of niets; een nieuwere versie werkt de vergadering bij, notities blijven)
    Import {
        file: PathBuf,
        /// Uitvoer als JSON
        #[arg(long)]
        json: bool,
    },
    /// Toon de eigen publieke sleutel en vingerafdruk (voor wie uw bundels moet vertrouwen)
    Key,
    /// Vertrouw bundels die met deze publieke sleutel zijn ondertekend
    Trust {
        /// De publieke sleutel (44 tekens), zoals `bundle key` hem toont
        key: String,
        /// Naam van de afzender
        #[arg(long)]
        name: String,
    },
    /// Toon de vertrouwde afzenders
    Signers,
}

#[derive(Subcommand)]
pub enum NotesCommand {
    /// Toon de notities bij een vergadering, met wat er sinds de vorige versie is gewijzigd
    List {
        #[arg(long)]
        meeting: i64,
        #[arg(long)]
        json: bool,
    },
    /// Voeg een notitie toe bij een agendapunt (en eventueel een bijlage, pagina en passage)
    Add {
        #[arg(long)]
        item: i64,
        #[arg(long)]
        attachment: Option<i64>,
        #[arg(long)]
        page: Option<i64>,
        /// De geciteerde passage waar de notitie bij hoort
        #[arg(long)]
        quote: Option<String>,
        /// De tekst van de notitie
        text: String,
    },
    /// Verwijder een notitie
    Delete { id: i64 },
}

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("welke").required(true).args(["body", "person", "meeting"])))]
pub struct CalendarArgs {
    /// Alle vergaderingen van een orgaan: AB, DB, Netwerk-MTplus of BOT
    #[arg(long, value_name = "ORGAAN")]
    pub body: Option<String>,
    /// De vergaderingen van de organen waarvan deze persoon (id of naam) op de vergaderdatum lid is
    #[arg(long, value_name = "PERSOON")]
    pub person: Option<String>,
    /// Eén vergadering (id)
    #[arg(long, value_name = "ID")]
    pub meeting: Option<i64>,
    /// Het .ics-bestand dat wordt geschreven
    #[arg(long, value_name = "BESTAND")]
    pub out: PathBuf,
}

#[derive(clap::Args)]
pub struct RemindersArgs {
    /// Als JSON (voor scripts)
    #[arg(long)]
    pub json: bool,
    /// Bekijk het voor een andere dag (JJJJ-MM-DD) in plaats van vandaag
    #[arg(long, value_name = "DATUM")]
    pub on: Option<NaiveDate>,
}

#[derive(clap::Args)]
pub struct PublishArgs {
    /// Nummer (id) van één vergadering
    #[arg(long, value_name = "ID", conflicts_with_all = ["body", "year"], required_unless_present = "body")]
    pub meeting: Option<i64>,
    /// Alle vergaderingen van dit orgaan (AB, DB, NETWERK_MTPLUS, BOT) in --year
    #[arg(long, value_name = "ORGAAN", requires = "year")]
    pub body: Option<String>,
    /// Het jaar, bij --body
    #[arg(long, value_name = "JAAR", requires = "body")]
    pub year: Option<i32>,
    /// De nieuwe (of lege) map waarin de publicatie komt
    #[arg(long, value_name = "MAP")]
    pub out: PathBuf,
    /// Neem ook vergaderingen met een concept-agenda op (gemarkeerd als concept)
    #[arg(long)]
    pub include_concept: bool,
    /// Publiceer ook demogegevens (overal gemarkeerd als demo)
    #[arg(long)]
    pub include_demo: bool,
}
