import Dispatch
import Foundation
import Synchronization
import Testing
import VTJTestSupport
@testable import VTJClient

/// The worker pool's fair sharing (issue 15): one drop's messages never take the spare worker, and
/// a free worker goes to the owner running the fewest jobs.
@Suite("CurlWorkerPool sharing")
struct CurlWorkerPoolTests {
    /// Jobs that run on the pool's threads and hold their worker until released, each by name.
    final class Gate: Sendable {
        private let started = Mutex<[String]>([])
        private let releases = Mutex<[String: DispatchSemaphore]>([:])

        var order: [String] { started.withLock { $0 } }
        func job(_ name: String) -> @Sendable (CurlHandle, CancellationFlag) throws -> String {
            let release = DispatchSemaphore(value: 0)
            releases.withLock { $0[name] = release }
            return { [self] _, _ in
                started.withLock { $0.append(name) }
                release.wait()
                return name
            }
        }
        func open(_ name: String) { releases.withLock { $0[name] }?.signal() }
        func openAll() { for release in releases.withLock({ Array($0.values) }) { release.signal() } }
    }

    /// The shared `eventually` with a long bound: it only limits how long a failure takes to show,
    /// and the full suite keeps the two cooperative threads busy while the jobs' own tasks must get
    /// one before they reach the pool (seen failing at 15 s under a load of 10).
    static func eventually(seconds: Double = 120, _ condition: () -> Bool) async -> Bool {
        await VTJTestSupport.eventually(seconds: seconds) { condition() }
    }

    @Test("a worker thread carries the pool's name to the kernel (top -H, /proc/…/comm)")
    func workersAreNamedForTheKernel() async throws {
        let pool = CurlWorkerPool(size: 1, name: "test-pool")
        defer { pool.shutdown() }
        let name = try await pool.run { _, _ in
            try String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(name == "test-pool-0")
    }

    @Test("a large drop runs its three messages and leaves the spare worker free; another drop's job starts at once")
    func oneWorkerStaysFree() async throws {
        let pool = CurlWorkerPool(size: 3, spare: 1, name: "test-pool")
        defer { pool.shutdown() }
        let gate = Gate()
        var large: [Task<String, any Error>] = []
        for index in 0..<4 {
            let job = gate.job("large-\(index)")
            large.append(Task { try await pool.run(owner: 1, job) })
        }
        #expect(await Self.eventually { gate.order.count == 3 })
        #expect(await Self.eventually { pool.waitingJobs == 1 })
        #expect(gate.order.count == 3, "the fourth message of the same drop waits")
        let smallJob = gate.job("small")
        let small = Task { try await pool.run(owner: 2, smallJob) }
        #expect(await Self.eventually { gate.order.contains("small") }, "the other drop's job is not queued behind")
        gate.openAll()
        #expect(try await small.value == "small")
        for task in large { _ = try await task.value }
        #expect(gate.order.count == 5)
    }

    @Test("a freed worker goes to the owner running the fewest jobs, not to the oldest job")
    func fewestRunningFirst() async throws {
        let pool = CurlWorkerPool(size: 3, spare: 1, name: "test-pool")
        defer { pool.shutdown() }
        let gate = Gate()
        var tasks: [Task<String, any Error>] = []
        for index in 0..<5 {
            let job = gate.job("a\(index)")
            tasks.append(Task { try await pool.run(owner: 1, job) })
            // In order, so a3 and a4 wait first.
            #expect(await Self.eventually { gate.order.count == min(index + 1, 3) })
        }
        #expect(await Self.eventually { pool.waitingJobs == 2 })
        for index in 0..<2 {
            let job = gate.job("b\(index)")
            tasks.append(Task { try await pool.run(owner: 2, job) })
        }
        #expect(await Self.eventually { gate.order.count == 4 })
        #expect(gate.order == ["a0", "a1", "a2", "b0"])
        gate.open("a0")  // owner 1 now runs two jobs, owner 2 one: b1 goes before the older a3
        #expect(await Self.eventually { gate.order.count == 5 })
        #expect(gate.order.last == "b1")
        gate.openAll()
        for task in tasks { _ = try await task.value }
        #expect(Set(gate.order) == ["a0", "a1", "a2", "a3", "a4", "b0", "b1"])
    }

    @Test("beside a small drop a bulk job waits for the bulk transfer under way, and starts when its answer is in, not when its parse ends")
    func bulkWaitsForTheUpstreamBesideASmallDrop() async throws {
        let server = try LoopbackResponder { _ in .init(status: 200, headers: [("Content-Type", "text/plain")], body: Array("vastaus".utf8)) }
        defer { server.stop() }
        let pool = CurlWorkerPool(size: 3, spare: 1, name: "test-pool", besideSmallDrops: { true })
        defer { pool.shutdown() }
        let gate = Gate()
        let send = gate.job("a-send"), parse = gate.job("a-parse")
        let url = "http://127.0.0.1:\(server.port)/api/v1/perustiedot"
        // A bulk message: held before its request goes, then a real transfer over loopback, then held again as its parse.
        let first = Task {
            try await pool.run(owner: 1, priority: .bulk) { handle, flag in
                _ = try send(handle, flag)
                let answer = try handle.perform(HTTPRequest(method: "GET", url: url))
                _ = try parse(handle, flag)
                return String(decoding: answer.body, as: UTF8.self)
            }
        }
        #expect(await Self.eventually { gate.order == ["a-send"] })
        let next = gate.job("b")
        let second = Task { try await pool.run(owner: 1, priority: .bulk, next) }
        #expect(await Self.eventually { pool.waitingJobs == 1 }, "the first bulk message is under way at the upstream: the next waits")
        gate.open("a-send")
        // The first job's parse is still held here: only its answer arriving can have let the next start.
        #expect(await Self.eventually(seconds: 60) { gate.order.count == 3 }, "its answer is in: the next may go while it parses")
        #expect(Set(gate.order) == ["a-send", "a-parse", "b"])
        #expect(server.requests.count == 1)
        gate.openAll()
        #expect(try await first.value == "vastaus")
        #expect(try await second.value == "b")
    }

    @Test("without a spare a lone drop uses every worker")
    func noSpareAllUsed() async throws {
        let pool = CurlWorkerPool(size: 2, name: "test-pool")
        defer { pool.shutdown() }
        let gate = Gate()
        let jobs = (0..<2).map { gate.job("a\($0)") }
        let tasks = jobs.map { job in Task { try await pool.run(owner: 1, job) } }
        #expect(await Self.eventually { gate.order.count == 2 })
        gate.openAll()
        for task in tasks { _ = try await task.value }
    }
}
