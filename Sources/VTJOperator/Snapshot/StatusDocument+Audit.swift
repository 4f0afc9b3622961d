import Foundation

extension StatusDocument {
    /// The audit log of the failure window in `status --json --audit` (added in schema 1: absent
    /// without the flag). Unlike the rest of the document it names persons in full, as
    /// `vtjdrop audit --export` does: it is for the controller's and the test scripts' checks.
    public struct Audit: Encodable, Sendable {
        var queries: [Query]
        var disclosures: [Disclosure]

        public init(queries: [Query], disclosures: [Disclosure]) {
            self.queries = queries
            self.disclosures = disclosures
        }

        /// One query to the interface (an attempt), with the henkilötunnus it named or delivered.
        public struct Query: Encodable, Sendable {
            var queryId: Int64
            var requestId: String
            var operation: String
            var scope: String
            var hetuCount: Int
            var hetus: [String]
            var outcome: String?

            public init(queryID: Int64, dropID: String, operation: String, scope: String, hetuCount: Int,
                        hetus: [String], outcome: String?) {
                queryId = queryID
                requestId = dropID
                self.operation = operation
                self.scope = scope
                self.hetuCount = hetuCount
                self.hetus = hetus
                self.outcome = outcome
            }
        }

        /// One published result's disclosure: its recorded person count and the persons listed.
        public struct Disclosure: Encodable, Sendable {
            var requestId: String
            var operation: String
            var personCount: Int
            var persons: [String]

            public init(dropID: String, operation: String, personCount: Int, persons: [String]) {
                requestId = dropID
                self.operation = operation
                self.personCount = personCount
                self.persons = persons
            }
        }
    }

    /// One department's followed register in `status --json --followed` (added in schema 1):
    /// its henkilötunnus in full and its change cursors (`log_keys` by scope, `hetulista` /
    /// `kuntarajaus`; a scope never fetched is left out).
    public struct Followed: Encodable, Sendable {
        var department: String
        var hetus: [String]
        var logKeys: [String: Int64]

        public init(department: String, hetus: [String], logKeys: [String: Int64]) {
            self.department = department
            self.hetus = hetus
            self.logKeys = logKeys
        }
    }
}
