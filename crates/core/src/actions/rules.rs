//! The rule of the actielijst: when an action is overdue.

use chrono::NaiveDate;

/// Whether `date` is before `today` (an open action past its due date is overdue).
pub fn is_overdue(due: Option<NaiveDate>, pending: bool, today: NaiveDate) -> bool {
    pending && due.is_some_and(|d| d < today)
}
