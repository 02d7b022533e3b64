import Foundation
import SujaritCore

/// The JSON open data of a plan: the plan as the API gives it, with the summary that Sujarit
/// computes, the Part 2 number of every item and the organization it belongs to. Digits in
/// JSON are always Arabic (machine-readable); the organization's digit style is stated.
public struct PlanOpenData: Codable, Sendable {
    /// Names what this file is, for whoever reads it later: "sujarit-plan".
    public var format: String
    /// The version of this JSON shape.
    public var formatVersion: Int
    public var organization: Organization
    public var plan: Plan
    public var summary: PlanSummary
    /// Part 2 number of each item, keyed by the item's id.
    public var itemNumbers: [String: Int]
    public var publicURL: String?
    public var generatedAt: Date

    public init(plan: Plan, context: ExportContext) {
        format = "sujarit-plan"
        formatVersion = 1
        organization = context.organization
        self.plan = plan
        summary = PlanSummary(plan: plan)
        itemNumbers = Dictionary(uniqueKeysWithValues: plan.itemNumbers.map { ($0.key.uuidString, $0.value) })
        publicURL = context.publicURL
        generatedAt = context.generatedAt
    }

    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    public func encoded() throws(ExportError) -> Data {
        do {
            var data = try Self.encoder().encode(self)
            data.append(0x0A)
            return data
        } catch {
            throw .encodingFailed("\(error)")
        }
    }
}
