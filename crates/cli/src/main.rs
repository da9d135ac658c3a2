//! `bestuursmap`: the command line over the Bestuursmap core. Everything it does, the app can do
//! too; both use the same store file.

use bestuursmap_core::store::{default_database_path, Passphrase, DATABASE_ENV};
use bestuursmap_core::{demo, CoreError, OpenMode, Store};
mod help;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

mod publish;

/// Like `println!`, but a closed pipe (`bestuursmap measures list | head`) ends the program
/// quietly instead of with a panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            return Err(CoreError::Invalid(format!(
                "Kan niet naar de uitvoer schrijven: {}.",
                bestuursmap_core::error::io_reason(&e)
            )));
        }
    }};
}

mod calendar;
mod reminders;

#[derive(Parser)]
#[command(
    name = "bestuursmap",
    version,
    about = "Bestuursmap: vergaderingen van AB, DB, Netwerk-MTplus en BOT voorbereiden"
)]
struct Cli {
    /// Databasebestand (standaard: de gegevensmap van het platform; BESTUURSMAP_DB gaat voor)
    #[arg(long, global = true, env = DATABASE_ENV, value_name = "PAD")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
    Calendar(calendar::CalendarArgs),
    /// Wat komt eraan: acties en toezeggingen, termijnen voor zienswijzen, vergaderingen van morgen
    Reminders(reminders::RemindersArgs),
    /// Zoek in vergaderingen, agendapunten, besluiten, bijlagen en maatregelen
    Search {
        /// Zoekwoorden; "een zinsdeel", woord* voor een begin, EN/OF/NIET
        query: String,
        /// Alleen dit soort: meeting, item, attachment, measure, point (zienswijzepunt) (mag vaker)
        #[arg(long, value_parser = ["meeting", "item", "attachment", "measure", "point"])]
        kind: Vec<String>,
        /// Alleen dit orgaan: AB, DB, NETWERK_MTPLUS, BOT
        #[arg(long)]
        body: Option<String>,
        /// Alleen wat deze gemeente betreft (code, bijv. DORDRECHT)
        #[arg(long)]
        municipality: Option<String>,
        /// Vanaf deze datum (JJJJ-MM-DD)
        #[arg(long)]
        from: Option<chrono::NaiveDate>,
        /// Tot en met deze datum (JJJJ-MM-DD)
        #[arg(long)]
        to: Option<chrono::NaiveDate>,
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
        /// votes-cast: voor > tegen van de uitgebrachte stemmen; all-weight: voor > de helft van al het gewicht
        #[arg(long, value_parser = ["votes-cast", "all-weight"])]
        majority: Option<String>,
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
    Publish(publish::PublishArgs),
}

#[derive(Subcommand)]
enum NotaCommand {
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
        /// pdf, docx of json
        #[arg(long)]
        format: String,
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
enum MeasuresCommand {
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
enum ItemsCommand {
    /// Voeg een bijlage toe aan een agendapunt
    Attach {
        /// Nummer (id) van het agendapunt
        item: i64,
        /// Het bestand
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum ZienswijzeCommand {
    /// Splits een brief (.txt, .docx of .pdf) in genummerde punten
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
        /// De brief (.txt, .docx of .pdf)
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum MeetingsCommand {
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

/// clap's own (English) usage errors, said in Dutch with the argument they concern.
fn dutch_usage_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        _ => String::new(),
    };
    let argument = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let what = match e.kind() {
        ErrorKind::InvalidValue => {
            let valid = context(ContextKind::ValidValue);
            let options = if valid.is_empty() { String::new() } else { format!(" Kies uit: {valid}.") };
            format!("«{value}» is geen geldige waarde voor {argument}.{options}")
        }
        ErrorKind::UnknownArgument => format!("de optie «{argument}» bestaat niet."),
        ErrorKind::InvalidSubcommand => format!("de opdracht «{value}» bestaat niet."),
        ErrorKind::MissingRequiredArgument => format!("{argument} ontbreekt; die is verplicht."),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "geef een opdracht op.".into()
        }
        ErrorKind::ValueValidation => format!("«{value}» is geen geldige waarde voor {argument}."),
        ErrorKind::TooManyValues => {
            format!("{argument} is te vaak of met te veel waarden gegeven.")
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!("{argument} heeft te weinig waarden."),
        ErrorKind::ArgumentConflict => format!("{argument} gaat niet samen met een andere gegeven optie."),
        ErrorKind::InvalidUtf8 => "een argument bevat ongeldige tekens (geen UTF-8).".into(),
        _ => "de opdracht is niet goed gegeven.".into(),
    };
    format!("bestuursmap: {what}\nZie `bestuursmap --help` (of `bestuursmap OPDRACHT --help`) voor wat kan.")
}

fn main() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let parsed = help::in_dutch(Cli::command()).try_get_matches().and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("{}", dutch_usage_error(&e));
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bestuursmap: {e}");
            if let CoreError::BundleUntrusted { public_key, name, .. } = &e {
                eprintln!("Klopt de vingerafdruk? Vertrouw de afzender dan met: bestuursmap bundle trust {public_key} --name \"{name}\"");
            }
            ExitCode::FAILURE
        }
    }
}

/// One line on standard output, for the modules of this binary (see `say!`).
fn say_line(text: &str) -> Result<(), CoreError> {
    say!("{text}");
    Ok(())
}

/// Opens the encrypted store with the passphrase from `BESTUURSMAP_PASSPHRASE`, else the one the
/// app remembered in the system keyring.
fn open_store(path: &std::path::Path, mode: OpenMode) -> Result<Store, CoreError> {
    let passphrase = Passphrase::from_env()
        .or_else(|| bestuursmap_core::store::os_keyring::remembered(path))
        .ok_or(CoreError::PassphraseMissing)?;
    Store::open(path, mode, &passphrase)
}

fn database_path(cli_db: Option<PathBuf>) -> Result<PathBuf, CoreError> {
    if let Some(path) = cli_db {
        return Ok(path);
    }
    let path = default_database_path()
        .ok_or_else(|| CoreError::Invalid("Geen gegevensmap gevonden; geef een databasebestand op met --db.".into()))?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| CoreError::io(dir, e))?;
    }
    Ok(path)
}

fn run(cli: Cli) -> Result<(), CoreError> {
    // Parsing a letter needs no database.
    if let Command::Zienswijze { command: ZienswijzeCommand::Parse { file, json } } = &cli.command {
        return parse_zienswijze(file, *json);
    }
    let path = database_path(cli.db)?;
    match cli.command {
        Command::Zienswijze { command: ZienswijzeCommand::Import { procedure, gemeente, file } } => {
            let mut store = open_store(&path, OpenMode::MustExist)?;
            let text = letter_text(&file)?;
            let org = store.organisation_by_code(&gemeente.to_uppercase())?;
            let detail = store.procedure(procedure)?;
            let points = store.atomically(|store| {
                let id = match detail.zienswijzen.iter().find(|z| z.organisation_id == org.id) {
                    Some(z) => z.id,
                    None => store.add_zienswijze(procedure, org.id, None, None, None)?,
                };
                store.import_letter(id, &text)
            })?;
            say!("Zienswijze van {} ingelezen: {points} punten. Controleer de indeling in de app.", org.name);
        }
        Command::Zienswijze { .. } => unreachable!("handled above"),
        Command::Nota { command } => run_nota(&path, command)?,
        Command::Publish(args) => publish::run(&path, args)?,
        Command::Bundle { command } => run_bundle(&path, command)?,
        Command::Notes { command } => run_notes(&path, command)?,
        Command::Backup { out, list } => {
            let store = open_store(&path, OpenMode::MustExist)?;
            if list {
                for b in store.backups()? {
                    say!(
                        "{}  {:<12} {:>9} bytes  {}",
                        b.made_at.format("%d-%m-%Y %H:%M:%S"),
                        b.reason,
                        b.size_bytes,
                        b.path.display()
                    );
                }
            } else if let Some(out) = out {
                store.backup_to(&out)?;
                say!("Reservekopie geschreven naar {}.", out.display());
            } else {
                let b = store.backup_now("handmatig")?;
                say!(
                    "Reservekopie gemaakt: {} (de nieuwste {} worden bewaard).",
                    b.path.display(),
                    bestuursmap_core::store::BACKUPS_KEPT
                );
            }
        }
        Command::Restore { file } => {
            let mut store = open_store(&path, OpenMode::MustExist)?;
            let old = std::env::var("BESTUURSMAP_BACKUP_PASSPHRASE")
                .ok()
                .filter(|p| !p.is_empty())
                .map(Passphrase::new)
                .transpose()?;
            let report = store.restore_from(&file, old.as_ref())?;
            say!(
                "Reservekopie {} teruggezet. De toestand van daarvoor staat in {}.",
                file.display(),
                report.safety_backup.path.display()
            );
        }
        Command::Check { json } => {
            let store = open_store(&path, OpenMode::MustExist)?;
            let report = store.check()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report).map_err(|e| CoreError::Invalid(e.to_string()))?);
            } else if report.is_ok() {
                say!(
                    "Database in orde (schemaversie {}): integriteit{} zijn gecontroleerd.",
                    report.schema_version,
                    if report.notes.is_empty() { ", verwijzingen en zoekindex" } else { " en verwijzingen" }
                );
            }
            for note in &report.notes {
                eprintln!("let op: {note}");
            }
            if !report.is_ok() {
                for problem in report.problems() {
                    eprintln!("probleem: {problem}");
                }
                return Err(CoreError::Rule(format!(
                    "De controle vond {} probleem/problemen. Zet zo nodig een reservekopie terug met `bestuursmap restore`.",
                    report.problems().len()
                )));
            }
        }
        Command::Passphrase => {
            let mut store = open_store(&path, OpenMode::MustExist)?;
            let new = std::env::var("BESTUURSMAP_NEW_PASSPHRASE")
                .map_err(|_| CoreError::Invalid("Zet de nieuwe wachtwoordzin in BESTUURSMAP_NEW_PASSPHRASE.".into()))?;
            store.change_passphrase(&Passphrase::new_chosen(new)?)?;
            say!("De wachtwoordzin is gewijzigd. Reservekopieën van vóór nu houden de oude wachtwoordzin.");
        }
        Command::Init => {
            let mut store = open_store(&path, OpenMode::CreateIfMissing)?;
            // The region's bodies and municipalities, and the standard response library with the
            // recurring paragraphs of 2020.
            demo::load_reference_data(&mut store)?;
            demo::load_standard_responses(&mut store)?;
            say!("Database {} is klaar (schemaversie {}).", path.display(), store.schema_version()?);
        }
        Command::Demo { large } => {
            let mut store = open_store(&path, OpenMode::CreateIfMissing)?;
            if !large || demo::loaded_at(&store)?.is_none() {
                demo::load(&mut store)?;
            }
            if large {
                if store.meetings()?.iter().any(|m| m.title.contains("(benchmark)")) {
                    return Err(CoreError::Invalid("De grote demovergadering staat al in deze database.".into()));
                }
                let id = bestuursmap_export::large_demo::add_large_meeting(&mut store)?;
                say!("Grote demovergadering toegevoegd: vergadering {id}.");
            }
            say!(
                "Demodata geladen in {}: {} vergaderingen. Verzonnen aanvullingen zijn gemarkeerd als demo.",
                path.display(),
                store.meetings()?.len()
            );
        }
        Command::Calendar(args) => calendar::run(&path, args)?,
        Command::Reminders(args) => reminders::run(&path, args)?,
        Command::Pack { meeting, out, reader, draft, notes } => {
            let store = open_store(&path, OpenMode::MustExist)?;
            let reader = reader.map(|r| find_person(&store, &r)).transpose()?;
            let options = bestuursmap_export::pack::PackOptions {
                reader,
                draft,
                with_notes: notes,
                made_at: chrono::Local::now().naive_local(),
            };
            let report = bestuursmap_export::pack::write_pack(&store, meeting, &options, &out, &mut |_| {})
                .map_err(|e| CoreError::Invalid(e.to_string()))?;
            for warning in &report.warnings {
                eprintln!("waarschuwing: {warning}");
            }
            say!(
                "Vergaderstukken geschreven naar {}: {} pagina's, {} agendapunten, {} bijlagen samengevoegd{}.",
                out.display(),
                report.pages,
                report.items,
                report.attachments_merged,
                if report.warnings.is_empty() {
                    String::new()
                } else {
                    format!(", {} waarschuwing(en)", report.warnings.len())
                }
            );
        }
        Command::Measures { command } => {
            let store = open_store(&path, OpenMode::MustExist)?;
            match command {
                MeasuresCommand::List { json } => {
                    let measures = store.measures(chrono::Local::now().date_naive())?;
                    if json {
                        print_json(&measures)?;
                    } else {
                        for m in measures {
                            say!(
                                "{:<5} {:<9} {:<28} {}{}",
                                m.code,
                                m.traffic_light_label,
                                m.status_label,
                                m.title,
                                m.trekker.map(|t| format!(" (trekker: {t})")).unwrap_or_default()
                            );
                        }
                    }
                }
                MeasuresCommand::Report { quarter, out } => {
                    let quarter = bestuursmap_export::report::Quarter::parse(&quarter)?;
                    let pages = bestuursmap_export::report::write_quarter_report(
                        &store,
                        quarter,
                        chrono::Local::now().naive_local(),
                        &out,
                    )
                    .map_err(|e| CoreError::Invalid(e.to_string()))?;
                    say!(
                        "Kwartaalrapportage {} geschreven naar {} ({pages} pagina's).",
                        quarter.label(),
                        out.display()
                    );
                }
            }
        }
        Command::Search { query, kind, body, municipality, from, to, limit, json } => {
            let store = open_store(&path, OpenMode::MustExist)?;
            let filter = bestuursmap_core::search::SearchFilter { kinds: kind, body, from, to, municipality };
            let hits = store.search(&query, &filter, limit)?;
            if json {
                print_json(&hits)?;
            } else if hits.is_empty() {
                say!("Niets gevonden voor '{query}'.");
            } else {
                for hit in hits {
                    let snippet: String = hit
                        .snippet
                        .iter()
                        .map(|p| if p.hit { format!("[{}]", p.text) } else { p.text.clone() })
                        .collect();
                    say!("{:<11} {}\n            {}", hit.kind_label, hit.title, snippet.trim());
                }
            }
        }
        Command::VotingRule { majority, quorum } => {
            use bestuursmap_core::meetings::voting::MajorityBasis;
            let mut store = open_store(&path, OpenMode::MustExist)?;
            let mut rule = store.voting_rule()?;
            if let Some(m) = majority.as_deref() {
                rule.majority = if m == "all-weight" { MajorityBasis::AllWeight } else { MajorityBasis::VotesCast };
            }
            if let Some(q) = quorum.as_deref() {
                rule.quorum_share = bestuursmap_core::money::parse_dutch_number(q).map_err(CoreError::Invalid)?;
            }
            if majority.is_some() || quorum.is_some() {
                store.set_voting_rule(rule)?;
            }
            say!(
                "Stemregel: {}; quorum: meer dan {} van het totale stemgewicht aanwezig.",
                match rule.majority {
                    MajorityBasis::VotesCast => "aangenomen als het gewicht voor groter is dan het gewicht tegen",
                    MajorityBasis::AllWeight =>
                        "aangenomen als het gewicht voor groter is dan de helft van al het gewicht",
                },
                rule.quorum_share.to_string().replace('.', ",")
            );
        }
        Command::Reindex => {
            let mut store = open_store(&path, OpenMode::MustExist)?;
            let docs = store.reindex()?;
            say!("Zoekindex opnieuw opgebouwd: {docs} documenten.");
        }
        Command::Items { command: ItemsCommand::Attach { item, file } } => {
            let mut store = open_store(&path, OpenMode::MustExist)?;
            let content = bestuursmap_core::files::read_bounded(
                &file,
                bestuursmap_core::meetings::rules::MAX_ATTACHMENT_BYTES as u64,
                "een bijlage",
            )?;
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            bestuursmap_export::text::check_document(&name, &content).map_err(|e| CoreError::Invalid(e.to_string()))?;
            let pages = bestuursmap_export::inspect::page_count(&name, &content);
            let texts = bestuursmap_export::text::page_texts(&name, &content);
            let searchable = texts.is_some();
            // One transaction: the file and its searchable text arrive together.
            let id = store.atomically(|store| {
                let id = store.add_attachment(item, &name, &content, pages)?;
                if let Some(texts) = &texts {
                    store.set_attachment_text(id, texts)?;
                }
                Ok(id)
            })?;
            say!(
                "Bijlage {name} toegevoegd aan agendapunt {item} (bijlage {id}){}.",
                if searchable { "" } else { "; er is geen tekst uit te halen, dus ze is niet doorzoekbaar" }
            );
        }
        Command::Meetings { command } => {
            let store = open_store(&path, OpenMode::MustExist)?;
            match command {
                MeetingsCommand::List { json } => {
                    let meetings = store.meetings()?;
                    if json {
                        print_json(&meetings)?;
                    } else if meetings.is_empty() {
                        say!("Geen vergaderingen. Laad de demodata met `bestuursmap demo`.");
                    } else {
                        for m in meetings {
                            say!(
                                "{:>4}  {:<15} {}  {:<28} {}",
                                m.id,
                                m.body,
                                m.starts_at.format("%d-%m-%Y %H:%M"),
                                m.status_label,
                                m.title
                            );
                        }
                    }
                }
                MeetingsCommand::Attachments { id, out_dir } => {
                    let meeting = store.meeting(id)?;
                    std::fs::create_dir_all(&out_dir).map_err(|e| CoreError::io(&out_dir, e))?;
                    let mut written = 0;
                    for item in &meeting.items {
                        for a in &item.attachments {
                            // Numbered by agenda order, so a directory listing follows the agenda.
                            let name = format!("{:03}-{}", written + 1, a.file_name);
                            let target = out_dir.join(&name);
                            std::fs::write(&target, store.attachment_content(a.id)?)
                                .map_err(|e| CoreError::io(&target, e))?;
                            say!("{}", target.display());
                            written += 1;
                        }
                    }
                    eprintln!("{written} bijlagen geschreven naar {}.", out_dir.display());
                }
                MeetingsCommand::Show { id, json } => {
                    let meeting = store.meeting(id)?;
                    if json {
                        print_json(&meeting)?;
                    } else {
                        print_meeting(&meeting)?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// The text of a council letter (.txt, .docx, or the text of a .pdf).
fn letter_text(file: &std::path::Path) -> Result<String, CoreError> {
    let content = bestuursmap_core::files::read_bounded(file, bestuursmap_core::files::MAX_LETTER_BYTES, "een brief")?;
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    bestuursmap_export::text::extract_text(name, &content).map_err(|e| CoreError::Invalid(e.to_string()))
}

fn parse_zienswijze(file: &std::path::Path, json: bool) -> Result<(), CoreError> {
    let text = letter_text(file)?;
    let letter = bestuursmap_core::zienswijzen::parse::parse_letter(&text);
    // What the reader should check goes to standard error, so the JSON stays clean.
    for warning in &letter.warnings {
        eprintln!("Let op: {warning}");
    }
    if json {
        return print_json(&letter);
    }
    if let Some(intro) = &letter.intro {
        say!("{intro}\n");
    }
    for section in &letter.sections {
        if let Some(heading) = &section.heading {
            say!("== {heading}");
        }
        print_points(&section.points, 0)?;
    }
    if let Some(closing) = &letter.closing {
        say!("\n{closing}");
    }
    Ok(())
}

/// Points with their sub-points indented; an uncertain point says why, right below it.
fn print_points(points: &[bestuursmap_core::zienswijzen::parse::ParsedPoint], depth: usize) -> Result<(), CoreError> {
    let indent = " ".repeat(4 * depth);
    for point in points {
        let wrap = format!("\n{indent}      ");
        say!("{indent}{:>4}  {}", point.label, point.text.replace('\n', &wrap));
        if let Some(reason) = &point.uncertain {
            say!("{indent}      [onzeker: {reason}]");
        }
        print_points(&point.children, depth + 1)?;
    }
    Ok(())
}

/// A person by id, or by name (exact, else a unique part of it).
fn find_person(store: &Store, text: &str) -> Result<i64, CoreError> {
    let persons = store.persons()?;
    if let Ok(id) = text.parse::<i64>() {
        if persons.iter().any(|p| p.id == id) {
            return Ok(id);
        }
    }
    if let Some(p) = persons.iter().find(|p| p.name == text) {
        return Ok(p.id);
    }
    let lower = text.to_lowercase();
    let matches: Vec<_> = persons.iter().filter(|p| p.name.to_lowercase().contains(&lower)).collect();
    match matches.as_slice() {
        [one] => Ok(one.id),
        [] => Err(CoreError::NotFound { what: "Persoon", id: text.to_string() }),
        many => Err(CoreError::Invalid(format!(
            "'{text}' past bij meerdere personen: {}. Geef de naam of het nummer preciezer op.",
            many.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")
        ))),
    }
}

#[derive(Subcommand)]
enum BundleCommand {
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
enum NotesCommand {
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

fn run_bundle(path: &std::path::Path, command: BundleCommand) -> Result<(), CoreError> {
    let mut store = open_store(path, OpenMode::MustExist)?;
    match command {
        BundleCommand::Export { meeting, out, signer } => {
            let done = store.export_bundle(meeting, &signer, &out)?;
            say!(
                "Bundel geschreven naar {}: versie {}, {} agendapunten, {} bijlagen, {} bytes.",
                out.display(),
                done.issue,
                done.items,
                done.attachments,
                done.size_bytes
            );
        }
        BundleCommand::Import { file, json } => {
            let report = store.import_bundle(&file)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report).map_err(|e| CoreError::Invalid(e.to_string()))?);
                return Ok(());
            }
            match report.previous_issue {
                None => say!(
                    "«{}» ingelezen (versie {}, van {}): vergadering {}, {} agendapunten.",
                    report.meeting_title,
                    report.issue,
                    report.signer_name,
                    report.meeting_id,
                    report.items_added
                ),
                Some(previous) => say!(
                    "«{}» bijgewerkt van versie {previous} naar {}: {} nieuw, {} gewijzigd, {} vervallen. {} notitie(s) bewaard, {} om na te kijken.",
                    report.meeting_title,
                    report.issue,
                    report.items_added,
                    report.items_changed,
                    report.items_removed,
                    report.notes_kept,
                    report.notes_to_check
                ),
            }
            for change in &report.changes_on_noted_items {
                say!("  gewijzigd bij uw notitie: {}", change.label);
            }
        }
        BundleCommand::Key => {
            let key = store.signer_key()?;
            say!("Publieke sleutel: {}\nVingerafdruk:     {}", key.public_key, key.fingerprint);
        }
        BundleCommand::Trust { key, name } => {
            let signer = store.trust_signer(&key, &name)?;
            say!("Bundels van «{}» (vingerafdruk {}) worden nu vertrouwd.", signer.name, signer.fingerprint);
        }
        BundleCommand::Signers => {
            for s in store.trusted_signers()? {
                say!("{}  {}  sinds {}", s.fingerprint, s.name, s.added_at);
            }
        }
    }
    Ok(())
}

fn run_notes(path: &std::path::Path, command: NotesCommand) -> Result<(), CoreError> {
    let mut store = open_store(path, OpenMode::MustExist)?;
    match command {
        NotesCommand::List { meeting, json } => {
            let notes = store.notes_for_meeting(meeting)?;
            let changes = store.item_changes(meeting)?;
            if json {
                let value = serde_json::json!({ "notes": notes, "changes": changes });
                println!("{}", serde_json::to_string_pretty(&value).map_err(|e| CoreError::Invalid(e.to_string()))?);
                return Ok(());
            }
            for note in notes {
                let place = [note.attachment_name.clone(), note.page.map(|p| format!("p. {p}"))]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                say!(
                    "[{}] {}{}: {}{}",
                    note.id,
                    note.item_title.as_deref().unwrap_or("(vervallen agendapunt)"),
                    if place.is_empty() { String::new() } else { format!(" — {place}") },
                    note.quote.as_ref().map(|q| format!("«{q}» ")).unwrap_or_default(),
                    note.body
                );
                if let Some(warning) = &note.anchor_warning {
                    say!("      let op: {warning}");
                }
                for change in changes.iter().filter(|c| c.item_uid == note.item_uid) {
                    say!("      gewijzigd in versie {}: {}", change.issue, change.label);
                }
            }
        }
        NotesCommand::Add { item, attachment, page, quote, text } => {
            let id = store.add_note(&bestuursmap_core::offline::NewNote {
                item_id: item,
                attachment_id: attachment,
                page,
                quote,
                body: text,
            })?;
            say!("Notitie {id} bewaard (alleen op deze computer).");
        }
        NotesCommand::Delete { id } => {
            store.delete_note(id)?;
            say!("Notitie {id} verwijderd.");
        }
    }
    Ok(())
}

fn run_nota(path: &std::path::Path, command: NotaCommand) -> Result<(), CoreError> {
    use bestuursmap_export::nota::{write_nota, NotaFormat};
    match command {
        NotaCommand::List { json } => {
            let store = open_store(path, OpenMode::MustExist)?;
            let list = store.procedures()?;
            if json {
                print_json(&list)?;
            } else if list.is_empty() {
                say!("Nog geen zienswijzeprocedures.");
            } else {
                for p in list {
                    say!(
                        "{:>3}  {}  {:<22} {} ({} gemeenten, {} van {} punten beantwoord)",
                        p.id,
                        p.sent_on.format("%d-%m-%Y"),
                        p.status_label,
                        p.title,
                        p.zienswijzen,
                        p.answered,
                        p.points
                    );
                }
            }
        }
        NotaCommand::Show { procedure } => {
            let store = open_store(path, OpenMode::MustExist)?;
            let d = store.procedure(procedure)?;
            say!("{} — {}", d.summary.title, d.summary.status_label);
            say!(
                "Verzonden {}, termijn {} weken (tot en met {})",
                bestuursmap_core::format::date(d.summary.sent_on),
                d.summary.period_weeks,
                bestuursmap_core::format::date(d.summary.deadline)
            );
            say!("{:<24} {:<12} {:>6} {:>11} {:>5}", "Gemeente", "Ontvangen", "Punten", "Beantwoord", "Open");
            for z in &d.zienswijzen {
                let received =
                    z.received_on.map(|r| r.format("%d-%m-%Y").to_string()).unwrap_or_else(|| "onbekend".into());
                let late = if z.late { " (te laat)" } else { "" };
                say!("{:<24} {:<12} {:>6} {:>11} {:>5}{late}", z.municipality, received, z.points, z.answered, z.open);
            }
            if !d.not_received.is_empty() {
                say!("Geen zienswijze: {}", d.not_received.join(", "));
            }
            if d.check.complete {
                say!("Volledig: alle {} punten beantwoord, alle verwijzingen kloppen.", d.check.points);
            } else {
                say!("Niet volledig ({} problemen):", d.check.errors.len());
                for p in &d.check.errors {
                    say!("  {} {}: {}", p.municipality, p.point, p.message);
                }
            }
            for w in &d.check.warnings {
                say!("  let op: {} {}: {}", w.municipality, w.point, w.message);
            }
        }
        NotaCommand::Export { procedure, format, out } => {
            let store = open_store(path, OpenMode::MustExist)?;
            let format = NotaFormat::parse(&format)?;
            let bytes = write_nota(&store, procedure, format, chrono::Local::now().naive_local(), &out)
                .map_err(|e| CoreError::Invalid(e.to_string()))?;
            say!("Nota van reactie ({}) geschreven naar {} ({bytes} bytes).", format.extension(), out.display());
        }
        NotaCommand::Import { file } => {
            let mut store = open_store(path, OpenMode::MustExist)?;
            let text = bestuursmap_core::files::read_text_bounded(
                &file,
                bestuursmap_core::files::MAX_PROCEDURE_JSON_BYTES,
                "een procedurebestand",
            )?;
            let parsed = bestuursmap_core::zienswijzen::exchange::parse(&text)?;
            let id = bestuursmap_core::zienswijzen::exchange::import(&mut store, &parsed)?;
            say!("Procedure ingelezen als nummer {id}: {}.", parsed.procedure.title);
        }
    }
    Ok(())
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), CoreError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| CoreError::Invalid(e.to_string()))?;
    say!("{text}");
    Ok(())
}

fn print_meeting(detail: &bestuursmap_core::meetings::MeetingDetail) -> Result<(), CoreError> {
    let m = &detail.meeting;
    say!("{} — {} ({})", m.body_name, m.title, m.starts_at.format("%d-%m-%Y %H:%M"));
    say!("Status: {}", m.status_label);
    if !m.takes_decisions {
        say!("Let op: {} is {}.", m.body, bestuursmap_core::meetings::rules::NOT_DECISION_MAKING);
    }
    say!();
    for item in &detail.items {
        let indent = if item.parent_id.is_some() { "    " } else { "" };
        say!("{indent}{:<4} {} [{}]", item.number, item.title, item.kind_label.to_lowercase());
        if let Some(outcome) = &item.outcome_label {
            say!("{indent}     Uitkomst: {outcome}");
        }
        if let Some(tally) = &item.tally {
            say!(
                "{indent}     Stemming: voor {} · tegen {} · onthouding {} · afwezig {} → {}{}",
                tally.voor,
                tally.tegen,
                tally.onthouding,
                tally.afwezig,
                tally.result_label,
                if tally.uses_example_weights { " (voorbeeldgewichten)" } else { "" }
            );
        }
        if let Some(decision) = &item.decision_md {
            say!("{indent}     Besluit: {decision}");
        }
        for warning in &item.warnings {
            say!("{indent}     Waarschuwing: {warning}");
        }
    }
    Ok(())
}
