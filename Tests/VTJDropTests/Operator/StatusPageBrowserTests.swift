import Foundation
import Testing
import VTJTestSupport

extension OperatorProcessTests {
    /// The status page in a real browser: Debian's headless Chromium loads it while the daemon serves
    /// drops, and the test reads what a person would see (the DOM after Chromium parsed and laid it out).
    @Suite(.serialized, .enabled(if: Chromium.path != nil, "Chromium is not installed (apt-get install chromium); .ci/run installs it"))
    struct StatusPageBrowserTests {
        @Test func anOperatorSeesTheDepartmentsDropsRefusalsAndGateWithoutPersonalData() async throws {
            let chromium = try #require(Chromium.path)
            let daemon = try OperatorDaemon()
            #expect(await daemon.await("/readyz", status: 200) != nil, "\(daemon.log)")
            let hetus = OperatorEndpointTests.hetus
            try daemon.drop("sivistys", "oppilaat-\(hetus[1]).txt", hetus.joined(separator: "\n"))
            try daemon.drop("kirjasto", "asiakkaat.txt", hetus[0])
            try daemon.drop("sivistys", "tyhja.txt", "\n")
            // Loaded while the daemon works on the drops: whatever it shows, nothing personal.
            let during = try await Chromium.dumpDOM(chromium, url: daemon.url + "/")
            #expect(during.contains("vtjdrop status"), "\(during.prefix(400))")
            let served = await eventually(seconds: 60) {
                daemon.outbox("sivistys").filter { $0.hasSuffix(".kuitti.txt") }.count == 2 && daemon.outbox("kirjasto").contains { $0.hasSuffix(".kuitti.txt") }
            }
            #expect(served)
            let dom = try await Chromium.dumpDOM(chromium, url: daemon.url + "/")
            #expect(dom.contains("<span id=\"headline\" class=\"serving\">serving</span>"), "\(dom)")
            #expect(dom.contains("<a href=\"#department-sivistys\">sivistys</a>"))
            #expect(dom.contains("<a href=\"#department-kirjasto\">kirjasto</a>"))
            #expect(dom.contains("oppilaat-020594Y***H.txt"), "masked file name")
            #expect(dom.contains("<h3>Refused drops</h3>") && dom.contains("tyhja.txt"))
            #expect(dom.contains("<th scope=\"row\">interface gate</th><td>open</td>"))
            #expect(dom.contains("next change fetch"))
            #expect(dom.components(separatedBy: "<tr class=\"published\">").count - 1 == 2, "two published drops listed")
            for hetu in hetus + [String(hetus[0].prefix(6)) + "Y903"] { #expect(!dom.contains(hetu), "\(hetu) on the page") }

            let png = daemon.root + "/status.png"
            try await Chromium.screenshot(chromium, url: daemon.url + "/", to: png)
            let image = try Data(contentsOf: URL(fileURLWithPath: png))
            #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
            #expect(image.count > 10_000, "a page, not a blank image: \(image.count) bytes")
            #expect(await daemon.stop() == 0)
        }

        /// Issue 14: a vanished inbox folder is shown everywhere an operator looks, on the real
        /// daemon — the page (headline and problem line, in a real browser), `status --json` (a
        /// `watch` gate, verdict degraded, exit 1) and `/readyz` (still 200: the other department
        /// is served; a warning in the body).
        @Test func aVanishedInboxFolderIsOnThePageInStatusAndInReadyz() async throws {
            let chromium = try #require(Chromium.path)
            let daemon = try OperatorDaemon()
            #expect(await daemon.await("/readyz", status: 200) != nil, "\(daemon.log)")
            try FileManager.default.removeItem(atPath: daemon.root + "/inbox/kirjasto")
            let warned = await eventually(seconds: 60) {
                await daemon.get("/readyz").map { $0.status == 200 && $0.body.contains("warning: inbox folder vanished") } ?? false
            }
            let readyz = await daemon.get("/readyz")
            #expect(warned, "\(String(describing: readyz))")
            let dom = try await Chromium.dumpDOM(chromium, url: daemon.url + "/")
            #expect(dom.contains("serving; an inbox folder is NOT WATCHED"), "\(dom.prefix(2000))")
            #expect(dom.contains("Inbox folder NOT WATCHED since") && dom.contains("/inbox/kirjasto"))
            let status = try await VTJDropBinary.runDetached(["status", "--config", daemon.root + "/vtjdrop.yaml", "--json"])
            #expect(status.status == 1, "\(status.stdout) \(status.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
            #expect((object["watch"] as? [String: Any])?["open"] as? Bool == false)
            #expect((object["watch"] as? [String: Any])?["code"] as? String == "inbox-folder-vanished")
            #expect((object["reasons"] as? [String] ?? []).contains { $0.hasPrefix("inbox folder not watched") })
            // The other department is served meanwhile.
            try daemon.drop("sivistys", "lista.txt", OperatorEndpointTests.hetus[0])
            #expect(await eventually(seconds: 60) { daemon.outbox("sivistys").contains { $0.hasSuffix(".kuitti.txt") } })
            #expect(await daemon.stop() == 0)
        }
    }
}

/// Debian's `chromium` in headless mode, run off the cooperative pool.
enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The DOM after loading `url`, as Chromium serialises it.
    static func dumpDOM(_ chromium: String, url: String) async throws -> String {
        try await run(chromium, arguments: ["--dump-dom", url]).stdout
    }

    /// A 1200×1400 PNG of the page at `url`.
    static func screenshot(_ chromium: String, url: String, to path: String) async throws {
        _ = try await run(chromium, arguments: ["--screenshot=" + path, "--window-size=1200,1400", "--hide-scrollbars", url])
    }

    private static func run(_ chromium: String, arguments: [String]) async throws -> (stdout: String, status: Int32) {
        // As root (CI containers) Chromium's own sandbox cannot start; the page is our own, on loopback.
        let profileFolder = try TempFolder("vtjdrop-chromium")
        defer { profileFolder.remove() }
        let profile = profileFolder.path
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                      "--user-data-dir=" + profile]
        let outcome = try await ChildProcess.run(chromium, common + arguments)
        return (outcome.stdout, outcome.status)
    }
}
