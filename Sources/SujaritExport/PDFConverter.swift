import Foundation

/// Why a PDF could not be made.
public enum PDFConversionError: Error, Equatable, Sendable {
    /// LibreOffice (`soffice`) is not installed or not found.
    case notInstalled
    /// The conversion ran longer than allowed and was stopped.
    case timedOut(seconds: Int)
    /// LibreOffice ran but produced no PDF.
    case failed(status: Int32, output: String)

    /// The reason, for people: what happened and what to do.
    public var message: String {
        switch self {
        case .notInstalled:
            "PDF needs LibreOffice, which is not installed on this server (Debian/Ubuntu: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-tlwg-laksaman). The Word file can be downloaded instead."
        case .timedOut(let seconds):
            "Converting the document to PDF took longer than \(seconds) s and was stopped."
        case .failed(let status, let output):
            "LibreOffice could not convert the document (exit \(status)): \(output.prefix(300))"
        }
    }

    public var thaiMessage: String {
        switch self {
        case .notInstalled:
            "การสร้างไฟล์ PDF ต้องใช้โปรแกรม LibreOffice ซึ่งยังไม่ได้ติดตั้งบนเครื่องแม่ข่ายนี้ ดาวน์โหลดไฟล์ Word แทนได้"
        case .timedOut(let seconds):
            "การแปลงเอกสารเป็น PDF ใช้เวลาเกิน \(seconds) วินาที จึงหยุดไว้"
        case .failed:
            "โปรแกรม LibreOffice แปลงเอกสารเป็น PDF ไม่สำเร็จ"
        }
    }
}

/// Converts an office document (DOCX, XLSX) to PDF with LibreOffice headless, as an external
/// process: `soffice --headless --convert-to pdf`. Each conversion gets its own temporary
/// folder and LibreOffice profile, so conversions never share state, and a fontconfig file that
/// maps the official Thai fonts ("TH SarabunPSK", "TH Sarabun New") to the free, metric-compatible
/// Laksaman when the official fonts are not installed.
///
/// `convert` blocks its thread for the whole conversion: callers on an event loop run it
/// elsewhere (the server keeps one conversion at a time per process).
public struct PDFConverter: Sendable {
    public var executable: URL
    /// The longest a conversion may run before it is stopped.
    public var timeout: TimeInterval

    public init(executable: URL, timeout: TimeInterval = 120) {
        self.executable = executable
        self.timeout = timeout
    }

    /// The converter, when LibreOffice is found: `SUJARIT_SOFFICE` if set, else `soffice` or
    /// `libreoffice` on the PATH, else Debian's and the usual install folders.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment, timeout: TimeInterval = 120) -> PDFConverter? {
        let fileManager = FileManager.default
        if let configured = environment["SUJARIT_SOFFICE"], !configured.isEmpty {
            return fileManager.isExecutableFile(atPath: configured) ? PDFConverter(executable: URL(fileURLWithPath: configured), timeout: timeout) : nil
        }
        var candidates: [String] = []
        for folder in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            candidates.append("\(folder)/soffice")
            candidates.append("\(folder)/libreoffice")
        }
        candidates += ["/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
                       "/Applications/LibreOffice.app/Contents/MacOS/soffice"]
        guard let found = candidates.first(where: { fileManager.isExecutableFile(atPath: $0) }) else { return nil }
        return PDFConverter(executable: URL(fileURLWithPath: found), timeout: timeout)
    }

    /// Converts the document; `fileExtension` is the input's ("docx" or "xlsx").
    public func convert(_ document: Data, fileExtension: String = "docx") throws(PDFConversionError) -> Data {
        let fileManager = FileManager.default
        let folder = fileManager.temporaryDirectory.appendingPathComponent("sujarit-pdf-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: folder) }
        let input = folder.appendingPathComponent("document.\(fileExtension)")
        let output = folder.appendingPathComponent("document.pdf")
        let profile = folder.appendingPathComponent("profile")
        let fontConfig = folder.appendingPathComponent("fonts.conf")
        do {
            try fileManager.createDirectory(at: profile, withIntermediateDirectories: true)
            try document.write(to: input)
            try Self.fontConfiguration.write(to: fontConfig, atomically: true, encoding: .utf8)
        } catch {
            throw .failed(status: -1, output: "temporary folder: \(error)")
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "-env:UserInstallation=\(profile.absoluteString)",
            "--headless", "--invisible", "--nodefault", "--nolockcheck", "--nologo", "--norestore",
            "--convert-to", "pdf", "--outdir", folder.path, input.path,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["FONTCONFIG_FILE"] = fontConfig.path
        environment["HOME"] = folder.path
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw .notInstalled
        }
        // Read output concurrently so a chatty LibreOffice cannot block on a full pipe.
        let collected = OutputCollector()
        let reader = Thread {
            collected.set(pipe.fileHandleForReading.readDataToEndOfFile())
        }
        reader.start()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                _ = finished.wait(timeout: .now() + 5)
            }
            throw .timedOut(seconds: Int(timeout))
        }
        let status = process.terminationStatus
        guard let pdf = try? Data(contentsOf: output), pdf.starts(with: Array("%PDF".utf8)) else {
            let text = String(decoding: collected.wait(seconds: 2), as: UTF8.self)
            throw .failed(status: status, output: text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return pdf
    }

    /// The system's fontconfig setup plus aliases from the official Thai fonts to free ones.
    static let fontConfiguration = """
    <?xml version="1.0"?>
    <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
    <fontconfig>
      <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
      <alias binding="same"><family>TH SarabunPSK</family><accept><family>TH Sarabun New</family><family>Laksaman</family><family>Garuda</family><family>Loma</family></accept></alias>
      <alias binding="same"><family>TH Sarabun New</family><accept><family>TH SarabunPSK</family><family>Laksaman</family><family>Garuda</family><family>Loma</family></accept></alias>
    </fontconfig>
    """
}

/// Holds what the reader thread collected.
private final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    private let done = DispatchSemaphore(value: 0)

    func set(_ value: Data) {
        lock.lock()
        data = value
        lock.unlock()
        done.signal()
    }

    func wait(seconds: Double) -> Data {
        _ = done.wait(timeout: .now() + seconds)
        lock.lock()
        defer { lock.unlock() }
        return data ?? Data()
    }
}
