import Foundation
import Testing
@testable import VTJClient

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
