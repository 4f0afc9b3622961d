import Foundation
import Synchronization
import Testing
@testable import VTJClient

/// Worker threads given a value under the test's thread-local key, and those whose destructor for it has finished.
private let workersMarked = Atomic<Int>(0)
private let workersCleanedUp = Atomic<Int>(0)

/// A client's worker threads end when the client is gone: each thread holds its pool until it
/// returns, so the pool itself is freed only once every one of them has ended.
@Suite struct CurlWorkerPoolLifetimeTests {
    @Test func aClientsWorkerThreadsEndWhenTheClientIsGone() async throws {
        weak var pool: CurlWorkerPool?
        do {
            let client = try VTJInterfaceClient(configuration: ClientTestData.configuration("http://127.0.0.1:9/api/v1", parallelism: 8))
            pool = client.pool
            #expect(pool?.size == 9)
        }
        #expect(await CurlWorkerPoolTests.eventually(seconds: 60) { pool == nil }, "the client's nine worker threads did not end")
    }

    /// `run --once` aborted at exit (exit 134, "malloc_consolidate(): invalid chunk size"): the
    /// workers were still running their thread-local destructors (OpenSSL's) when `exit()` ran
    /// `OPENSSL_cleanup`. Here each worker gets a destructor that takes a while, like a library's
    /// cleanup under load; the shutdown must not return before every one of them has run.
    @Test func shutdownAndJoinReturnsOnlyAfterEveryWorkersThreadCleanup() async throws {
        var created = pthread_key_t()
        try #require(pthread_key_create(&created, { _ in
            usleep(200_000)
            workersCleanedUp.add(1, ordering: .sequentiallyConsistent)
        }) == 0)
        let key = created
        defer { _ = pthread_key_delete(key) }
        let pool = CurlWorkerPool(size: 3, spare: 1, name: "join")
        // Jobs until every worker has a value under the key (a freed worker may take the next job).
        for _ in 0..<200 where workersMarked.load(ordering: .sequentiallyConsistent) < pool.size {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for owner in 0..<pool.size {
                    group.addTask {
                        try await pool.run(owner: owner) { _, _ in
                            if pthread_getspecific(key) == nil {
                                _ = pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1))
                                workersMarked.add(1, ordering: .sequentiallyConsistent)
                            }
                            usleep(1_000)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        #expect(workersMarked.load(ordering: .sequentiallyConsistent) == pool.size)
        pool.shutdownAndJoin()
        #expect(workersCleanedUp.load(ordering: .sequentiallyConsistent) == pool.size,
                "the shutdown returned while workers were still ending")
    }

    @Test func aWorkerBusyAtShutdownEndsAfterItsJob() async throws {
        weak var weakPool: CurlWorkerPool?
        let gate = CurlWorkerPoolTests.Gate()
        let job: Task<String, any Error>
        do {
            let pool = CurlWorkerPool(size: 2, spare: 1, name: "lifetime")
            weakPool = pool
            let work = gate.job("busy")
            job = Task { try await pool.run(owner: 1, work) }
            #expect(await CurlWorkerPoolTests.eventually { gate.order == ["busy"] })
            pool.shutdown()
        }
        gate.open("busy")
        #expect(try await job.value == "busy")
        #expect(await CurlWorkerPoolTests.eventually(seconds: 60) { weakPool == nil }, "a worker outlived its pool's shutdown")
    }
}
