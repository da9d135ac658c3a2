//! «Wat komt eraan»: the reminder list and its settings for the screen, and the desktop
//! notifications (tauri-plugin-notification), once per day per subject (the store remembers).

use crate::commands::{off_main, run, today, ApiResult};
use bestuursmap_core::domain::ReminderKind;
use bestuursmap_core::reminders::{notification_text, Reminder, ReminderSetting, WINDOW_DAYS};
use serde::Serialize;

/// What the screen shows: the list on `today`, the window it covers, and the settings.
#[derive(Debug, Serialize, specta::Type)]
pub struct RemindersOverview {
    pub today: chrono::NaiveDate,
    pub window_days: i64,
    pub items: Vec<Reminder>,
    pub settings: Vec<ReminderSetting>,
}

/// What a round of notifications did.
#[derive(Debug, Serialize, specta::Type)]
pub struct NotifyOutcome {
    /// How many reminders were announced now (0: nothing new today).
    pub notified: usize,
    /// Set when the system could not show a notification (no notification service).
    pub error: Option<String>,
}

#[tauri::command]
#[specta::specta]
pub async fn reminders_overview(app: tauri::AppHandle) -> ApiResult<RemindersOverview> {
    run(&app, move |store| {
        let today = today();
        Ok(RemindersOverview {
            today,
            window_days: WINDOW_DAYS,
            items: store.reminders(today)?,
            settings: store.reminder_settings()?,
        })
    })
    .await
}

/// Turns a kind of reminder on or off; answers with the list as it now is.
#[tauri::command]
#[specta::specta]
pub async fn set_reminder_kind(
    app: tauri::AppHandle,
    kind: ReminderKind,
    enabled: bool,
) -> ApiResult<RemindersOverview> {
    run(&app, move |store| store.set_reminder_kind(kind, enabled)).await?;
    reminders_overview(app).await
}

/// Shows a desktop notification for what was not announced yet today. Called by the app at
/// start and every hour; the store makes it once per day per subject however often that is.
#[tauri::command]
#[specta::specta]
pub async fn notify_reminders(app: tauri::AppHandle) -> ApiResult<NotifyOutcome> {
    let fresh: Vec<Reminder> = run(&app, move |store| store.reminders_to_notify(today())).await?;
    if fresh.is_empty() {
        return Ok(NotifyOutcome { notified: 0, error: None });
    }
    let notifier = app.clone();
    off_main(move || {
        use tauri_plugin_notification::NotificationExt;
        let (title, body) = notification_text(&fresh);
        let shown = notifier.notification().builder().title(title).body(body).show();
        Ok(NotifyOutcome {
            notified: fresh.len(),
            error: shown.err().map(|_| {
                "Bestuursmap kon geen melding op het bureaublad tonen; «Wat komt eraan» laat alles zien.".to_string()
            }),
        })
    })
    .await
}
