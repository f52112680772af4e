"""The `admin` function: staff read, answer, orient and close grievances, under /admin/."""
