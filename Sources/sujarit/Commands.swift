import ArgumentParser

/// Commands defined in their own files (import, bench), registered here.
let extraCommands: [any ParsableCommand.Type] = [ImportCommand.self, BenchCommand.self]
