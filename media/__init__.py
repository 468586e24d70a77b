"""Media concerns: storage checks, upload forms, the responsive picture component's filters."""
