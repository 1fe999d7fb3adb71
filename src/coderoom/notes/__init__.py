"""Private interviewer notes and scorecards (staff only; never sent to candidates)."""
