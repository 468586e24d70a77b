class ImportProblem(Exception):
    """A problem in one source file, reported as `path:line: field: problem`."""

    def __init__(self, path, problem, *, field="", line=None):
        self.path, self.problem, self.field, self.line = str(path), problem, field, line
        super().__init__(str(self))

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.field:
            return f"{where}: {self.field}: {self.problem}"
        return f"{where}: {self.problem}"
