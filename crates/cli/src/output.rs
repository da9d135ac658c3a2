//! Printing to standard output: a closed pipe ends the program quietly, anything else is a Dutch
//! error.

/// Like `println!`, but a closed pipe (`bestuursmap measures list | head`) ends the program
/// quietly instead of with a panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            return Err(bestuursmap_core::CoreError::Invalid(format!(
                "Kan niet naar de uitvoer schrijven: {}.",
                bestuursmap_core::error::io_reason(&e)
            )));
        }
    }};
}

use bestuursmap_core::CoreError;

/// One line on standard output (see `say!`).
pub fn say_line(text: &str) -> Result<(), CoreError> {
    say!("{text}");
    Ok(())
}

/// A value as pretty JSON on standard output.
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<(), CoreError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| CoreError::Invalid(e.to_string()))?;
    say!("{text}");
    Ok(())
}
