import Testing
import VTJCore

@Suite struct DropLifecycleTests {
    /// The walks the runtime makes are legal, step by step.
    @Test(arguments: [
        [DropState.claimed, .read, .querying, .resultsWritten, .published, .archived],
        [.claimed, .read, .published, .archived],
        [.claimed, .failedTransient, .read, .querying, .failedTransient, .failedTransient, .read, .querying, .resultsWritten, .published],
        [.claimed, .read, .refused, .quarantined],
        [.claimed, .refused, .quarantined],
        [.claimed, .quarantined],
        [.claimed, .read, .querying, .quarantined],
    ])
    func theWalksAreLegal(_ walk: [DropState]) {
        for (from, to) in zip(walk, walk.dropFirst()) {
            #expect(DropLifecycle.isLegal(from: from, to: to), "\(from) → \(to)")
        }
    }

    @Test func finishedPublishedAndRefusedDropsMoveOneWayOnly() {
        for to in DropState.allCases {
            #expect(!DropLifecycle.isLegal(from: .archived, to: to))
            #expect(!DropLifecycle.isLegal(from: .quarantined, to: to))
            #expect(DropLifecycle.isLegal(from: .published, to: to) == (to == .archived), "published → \(to)")
            #expect(DropLifecycle.isLegal(from: .refused, to: to) == (to == .quarantined), "refused → \(to)")
        }
        for from in DropState.allCases {
            #expect(!DropLifecycle.isLegal(from: from, to: .claimed), "nothing is claimed twice")
            #expect(DropLifecycle.isLegal(from: from, to: .archived) == (from == .published), "\(from) → archived")
        }
    }

    /// What a drop found in its work folder asks for, by its journal state.
    @Test func aClaimedDropsNextActionFollowsItsJournalState() {
        #expect(DropLifecycle.next(inState: .published) == .archive)
        #expect(DropLifecycle.next(inState: .archived) == .archive, "journaled done, the move had failed")
        #expect(DropLifecycle.next(inState: .refused) == .quarantine)
        #expect(DropLifecycle.next(inState: .quarantined) == .quarantine)
        for state in DropState.allCases where state.isInWalk {
            #expect(DropLifecycle.next(inState: state) == .walk)
        }
        #expect(DropLifecycle.next(inState: nil) == .walk, "never journaled: walked from the start")
    }

    @Test func retriesFollowTheDropBackoffUnlessAWaitIsAsked() {
        #expect(DropLifecycle.retryDelay(attempts: 0) == .seconds(30))
        #expect(DropLifecycle.retryDelay(attempts: 3) == .seconds(240))
        #expect(DropLifecycle.retryDelay(attempts: 40) == .seconds(1800))
        #expect(DropLifecycle.retryDelay(attempts: 5, requested: .seconds(2)) == .seconds(2), "the input's quiet period")
        #expect(DropLifecycle.gateEffect(of: .interfaceRefuses) == .failure(stopsNewWork: true))
        #expect(DropLifecycle.gateEffect(of: .interfaceUnavailable) == .failure(stopsNewWork: false))
        #expect(DropLifecycle.gateEffect(of: .local) == DropLifecycle.GateEffect.none)
    }
}
