import ArgumentParser

/// Commands defined in their own files (import, export, bench), registered here.
let extraCommands: [any ParsableCommand.Type] = [ImportCommand.self, ExportCommand.self, BenchCommand.self,
                                                  ComplaintsCommand.self, AuditCommand.self, VaultCommand.self,
                                                  OverseerCommand.self]
