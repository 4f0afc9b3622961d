// VTJDrop: filled in by its issue.
