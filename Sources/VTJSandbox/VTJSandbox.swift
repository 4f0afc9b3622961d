// VTJSandbox: filled in by its issue.
