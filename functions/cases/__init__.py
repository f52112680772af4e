"""The use cases: filing, follow-up, attachments, deadlines, statistics, notifications, their errors."""
