import Foundation

/// Waits (bounded, polling every 50 ms) until `condition` holds; true when it did within `seconds`.
///
/// Tests poll for what the daemon does rather than sleep a guessed time: the suite shares two cores
/// with other work, so a generous bound costs nothing when the condition comes early.
public func eventually(seconds: Double = 15, _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return await condition()
}
