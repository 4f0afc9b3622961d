import Foundation
import Mustache
import VTJCore

/// Renders the read-only status page from a snapshot.
public struct StatusPage: Sendable {
    private let template: MustacheTemplate
    private let zone: any UTCOffsetRule

    /// A page showing times in `zone` (Finnish time in the appliance).
    public init(zone: any UTCOffsetRule) {
        // The template is a constant of this module; a parse failure is a programming error a test catches.
        self.template = try! MustacheTemplate(string: StatusPageTemplate.html)
        self.zone = zone
    }

    /// The page's HTML for `snapshot` at `now`, with the health verdict shown beside it.
    public func render(_ snapshot: OperatorSnapshot, now: Date, health: HealthVerdict) -> String {
        template.render(StatusPageModel(snapshot: snapshot, now: now, zone: zone, health: health))
    }

    /// A short page saying why there is no status to show (the state cannot be read).
    public func renderUnavailable(_ problem: SnapshotUnavailable) -> String {
        template.render(UnavailableModel(problem: StatusPageModel.text(problem.description)))
    }

    private struct UnavailableModel {
        let title = "vtjdrop status"
        let headline = "NO STATUS"
        let serving = false
        let problems: [String]
        let hasDepartments = false
        init(problem: String) { problems = [problem] }
    }
}
