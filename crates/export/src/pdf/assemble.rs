//! Merging attachments into the reserved pages (lopdf).
