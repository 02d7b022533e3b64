import Foundation
import Vapor
import SujaritCore
import SujaritExport

extension Pages {
    /// The answer to a PDF that cannot be made: why (Thai and English, with what to install)
    /// and the Word file instead.
    static func pdfUnavailable(_ request: Request, plan: Plan, message: LocalizedText, wordURL: SiteURL) -> HTML {
        let t = request.t
        let body: HTML = """
            <p><a href="\(SiteURL.plan(plan.id))">← \(t(.backToPlan))</a> · \(plan.title)</p>
            <h1>\(t(.pdfUnavailable))</h1>
            <p class="error-message" lang="th">\(message.th)</p>
            <p class="error-message" lang="en">\(message.en)</p>
            <p><a class="button" href="\(wordURL)" type="\(ExportFormat.docx.mediaType)">\(t(.downloadWordInstead))</a></p>
            """
        return Layout.page(request: request, title: t(.pdfUnavailable), body: body)
    }
}
