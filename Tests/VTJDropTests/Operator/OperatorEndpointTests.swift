import Foundation
import Testing
import VTJTestSupport

extension OperatorProcessTests {
    /// The operator endpoint of the real daemon over real HTTP: `/metrics`, `/healthz`, `/readyz`, `/`.
    @Suite(.serialized) struct OperatorEndpointTests {
        static let hetus = ["010594Y9032", "020594Y990H", "030594Y9949"]

        @Test func theEndpointShowsWhatTheDaemonDoesWithoutPersonalData() async throws {
            let daemon = try OperatorDaemon()
            let health = await daemon.await("/healthz", status: 200)
            #expect(health?.body.hasPrefix("ok: serving") == true, "\(health?.body ?? "no answer"): \(daemon.log)")
            #expect(await daemon.get("/readyz")?.body == "ok: ready: drops are claimed\n")
            // A clerk names the file after a person: the name is masked everywhere it is shown.
            try daemon.drop("sivistys", "lista-\(Self.hetus[0]).txt", Self.hetus.joined(separator: "\n"))
            try daemon.drop("sivistys", "rikki.txt", "ei henkilötunnuksia\n")
            let served = await eventually(seconds: 60) { daemon.outbox("sivistys").filter { $0.hasSuffix(".kuitti.txt") }.count == 2 }
            #expect(served, "\(daemon.outbox("sivistys"))")

            let metrics = await daemon.get("/metrics")
            #expect(metrics?.status == 200)
            let text = metrics?.body ?? ""
            #expect(text.contains("vtjdrop_drops_claimed_total{department=\"sivistys\"} 2"), "\(text)")
            #expect(text.contains("vtjdrop_drops_refused_total{department=\"sivistys\",reason=\"virheellinen-pyynto\"} 1"))
            #expect(text.contains("vtjdrop_henkilotunnus_queried_total{department=\"sivistys\"} 3"))
            #expect(text.contains("vtjdrop_interface_calls_total{operation=\"perustiedot\",status=\"200\"} 1"))
            #expect(text.contains("vtjdrop_interface_calls_total{operation=\"kirjausavain\",status=\"200\"} 1"), "the start-up check")
            #expect(text.contains("vtjdrop_gate_open 1"))
            #expect(text.contains("vtjdrop_backlog_drops{department=\"sivistys\",stage=\"inbox\"} 0"))

            let page = await daemon.get("/")
            #expect(page?.status == 200)
            let html = page?.body ?? ""
            #expect(html.contains("lista-010594Y***2.txt"), "the file name is masked as in the log: \(html)")
            #expect(html.contains("no valid henkilötunnus in the drop"), "the refusal's reason")
            #expect(html.contains("next change fetch"))
            for hetu in Self.hetus { #expect(!html.contains(hetu) && !text.contains(hetu)) }
            #expect(await daemon.stop() == 0)
        }

        /// The interface cannot be reached: the daemon holds, and both probes say so in one line.
        @Test func anUnreachableInterfaceMakesReadyzAndHealthzAnswer503() async throws {
            let daemon = try OperatorDaemon.unreachable()
            let ready = await daemon.await("/readyz", status: 503)
            #expect(ready?.body.hasPrefix("unhealthy: interface gate closed for ") == true, "\(ready?.body ?? "no answer"): \(daemon.log)")
            #expect(ready?.body.split(separator: "\n").count == 1)
            let health = await daemon.get("/healthz")
            #expect(health?.status == 503)
            #expect(await daemon.get("/metrics")?.body.contains("vtjdrop_gate_open 0") == true)
            #expect(await daemon.get("/metrics")?.body.contains("vtjdrop_interface_calls_total{operation=\"kirjausavain\",status=\"no-answer\"}") == true)
            #expect(daemon.log.contains("interface gate closed"), "the closing is logged")
            #expect(await daemon.stop() == 0)
        }
    }
}
