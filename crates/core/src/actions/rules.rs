//! The rule of the actielijst: when an action is overdue.

use chrono::NaiveDate;

/// Whether `date` is before `today` (an open action past its due date is overdue).
pub fn is_overdue(due: Option<NaiveDate>, pending: bool, today: NaiveDate) -> bool {
    pending && due.is_some_and(|d| d < today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ActionStatus;

    #[test]
    fn open_and_in_progress_are_pending_and_only_those_can_be_overdue() {
        let today = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        let past = NaiveDate::from_ymd_opt(2024, 2, 1);
        assert!(ActionStatus::Open.is_pending());
        assert!(ActionStatus::InUitvoering.is_pending());
        assert!(!ActionStatus::Afgerond.is_pending());
        assert!(!ActionStatus::Vervallen.is_pending());
        assert!(is_overdue(past, ActionStatus::Open.is_pending(), today));
        assert!(!is_overdue(past, ActionStatus::Afgerond.is_pending(), today));
        assert!(!is_overdue(None, true, today));
        assert!(!is_overdue(Some(today), true, today), "due today is not late");
    }
}
