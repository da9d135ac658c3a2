//! «Wat komt eraan»: what needs attention soon. A pure rule over values the store loads
//! ([`crate::store::Store::reminders`]): actions and commitments due within [`WINDOW_DAYS`] days
//! or overdue, zienswijze deadlines within [`WINDOW_DAYS`] days, and tomorrow's meetings. The
//! screen, the desktop notifications and `bestuursmap reminders` all show this one list.

use super::types::{Reminder, ReminderSetting};
use crate::actions::ActionView;
use crate::domain::{MeetingStatus, NotaStatus, ReminderKind};
use crate::meetings::MeetingSummary;
use crate::zienswijzen::ProcedureSummary;
use chrono::NaiveDate;

/// How far ahead a due date or deadline is announced, in days (today included, today + 7 too).
pub const WINDOW_DAYS: i64 = 7;

/// The settings of every kind, in the vocabulary's order; kinds not in `off` are on.
pub fn settings(off: &[ReminderKind]) -> Vec<ReminderSetting> {
    ReminderKind::ALL
        .iter()
        .map(|&kind| ReminderSetting { kind, label: kind.label().to_string(), enabled: !off.contains(&kind) })
        .collect()
}

/// «vandaag», «morgen», «over 5 dagen», «1 dag over de termijn», «12 dagen over de termijn».
pub fn when_text(days: i64) -> String {
    match days {
        0 => "vandaag".into(),
        1 => "morgen".into(),
        -1 => "1 dag over de termijn".into(),
        d if d < 0 => format!("{} dagen over de termijn", -d),
        d => format!("over {d} dagen"),
    }
}

/// The reminders on `today`, overdue first, then by date; kinds in `off` are left out.
pub fn reminders(
    today: NaiveDate,
    actions: &[ActionView],
    procedures: &[ProcedureSummary],
    meetings: &[(MeetingSummary, String)],
    off: &[ReminderKind],
) -> Vec<Reminder> {
    let days_to = |date: NaiveDate| (date - today).num_days();
    let mut out = Vec::new();
    for a in actions {
        let kind = if a.is_commitment { ReminderKind::Toezegging } else { ReminderKind::Actie };
        let Some(due) = a.due_date else { continue };
        let days = days_to(due);
        if off.contains(&kind) || !a.status.is_pending() || days > WINDOW_DAYS {
            continue;
        }
        let who = [a.organisation.as_deref(), a.role.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", ");
        let detail = match (who.is_empty(), &a.source) {
            (false, Some(source)) => Some(format!("{who} — {source}")),
            (false, None) => Some(who),
            (true, source) => source.clone(),
        };
        out.push(Reminder {
            kind,
            kind_label: kind_singular(kind).to_string(),
            subject: format!("{}:{}", kind.code(), a.id),
            title: a.description.clone(),
            detail,
            date: due,
            days,
            overdue: days < 0,
            when_text: when_text(days),
            meeting_id: a.meeting_id,
            procedure_id: None,
            action_id: Some(a.id),
        });
    }
    if !off.contains(&ReminderKind::ZienswijzeTermijn) {
        for p in procedures {
            let days = days_to(p.deadline);
            // A passed deadline is no longer something to act on; the nota follows its own course.
            if !(0..=WINDOW_DAYS).contains(&days) || p.status == NotaStatus::BehandeldInAb {
                continue;
            }
            out.push(Reminder {
                kind: ReminderKind::ZienswijzeTermijn,
                kind_label: kind_singular(ReminderKind::ZienswijzeTermijn).to_string(),
                subject: format!("zienswijze:{}", p.id),
                title: format!("Termijn voor zienswijzen: {}", p.title),
                detail: Some(format!(
                    "Verzonden {}, termijn {} weken; {} zienswijze(n) ontvangen",
                    p.sent_on.format("%d-%m-%Y"),
                    p.period_weeks,
                    p.zienswijzen
                )),
                date: p.deadline,
                days,
                overdue: false,
                when_text: when_text(days),
                meeting_id: None,
                procedure_id: Some(p.id),
                action_id: None,
            });
        }
    }
    if !off.contains(&ReminderKind::VergaderingMorgen) {
        for (m, uid) in meetings {
            let days = days_to(m.starts_at.date());
            if days != 1 || m.status == MeetingStatus::Afgelast {
                continue;
            }
            out.push(Reminder {
                kind: ReminderKind::VergaderingMorgen,
                kind_label: kind_singular(ReminderKind::VergaderingMorgen).to_string(),
                subject: format!("vergadering:{uid}"),
                title: format!("{}: {}", m.body, m.title),
                detail: Some(match &m.location {
                    Some(place) => format!("{} uur, {place}", m.starts_at.format("%H:%M")),
                    None => format!("{} uur", m.starts_at.format("%H:%M")),
                }),
                date: m.starts_at.date(),
                days,
                overdue: false,
                when_text: when_text(days),
                meeting_id: Some(m.id),
                procedure_id: None,
                action_id: None,
            });
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.subject.cmp(&b.subject)));
    out
}

/// The label of one reminder of a kind (the vocabulary's label names the kind in the plural).
fn kind_singular(kind: ReminderKind) -> &'static str {
    match kind {
        ReminderKind::Actie => "Actie",
        ReminderKind::Toezegging => "Toezegging",
        ReminderKind::ZienswijzeTermijn => "Termijn zienswijzen",
        ReminderKind::VergaderingMorgen => "Vergadering morgen",
    }
}

/// The text of one desktop notification for `items` (which are not empty): one item by itself,
/// several counted by kind, so a morning with ten overdue actions does not bring ten pop-ups.
pub fn notification_text(items: &[Reminder]) -> (String, String) {
    if let [one] = items {
        let title = format!("{} — {}", one.kind_label, one.when_text);
        return (title, one.title.clone());
    }
    let overdue = items.iter().filter(|r| r.overdue).count();
    let title = if overdue > 0 {
        format!("Wat komt eraan: {} punten, waarvan {overdue} over de termijn", items.len())
    } else {
        format!("Wat komt eraan: {} punten", items.len())
    };
    let mut parts = Vec::new();
    for kind in ReminderKind::ALL {
        let n = items.iter().filter(|r| r.kind == *kind).count();
        if n > 0 {
            parts.push(format!("{}: {n}", kind.label()));
        }
    }
    (title, format!("{}. Open «Wat komt eraan» in Bestuursmap.", parts.join(", ")))
}
