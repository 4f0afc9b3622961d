import Foundation
import Testing
import VTJSandbox
import VTJTestSupport

/// `vtjdrop check` and `vtjdrop demo` on `vtj.wire: soap`, as an operator runs them: the built
/// binary, a configuration file, credentials in the environment, the sandbox's SOAP endpoint on loopback.
@Suite(.serialized) struct SOAPCommandTests {
    static let environment = ["VTJDROP_VTJ_USER": "kunta", "VTJDROP_VTJ_PASSWORD": "salasana", "PATH": "/usr/bin:/bin"]

    static func configuration(in folder: TempFolder, url: String, product: String = "PERUSSANOMA 3") throws -> String {
        try folder.write("vtjdrop-\(UUID().uuidString).yaml", """
            state: \(folder.path)/state
            inbox: \(folder.path)/inbox
            outbox: \(folder.path)/outbox
            vtj:
              wire: soap
              url: \(url)
              soap_product: "\(product)"
              x_road_client: FI-TEST/MUN/0123456-7/vtjdrop
            departments:
              kirjasto:
                purposes: [kirjasto]
                groups: [HENKILON_NIMI]
            """)
    }

    @Test("check asks the test henkilötunnus over SOAP, and names a wrong password, product or endpoint without printing the password")
    func checkOnTheSOAPWire() async throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let server = SandboxServer(configuration: SandboxConfiguration(population: 100))
        _ = try await server.start()
        defer { Task { await server.shutdown() } }
        let url = try #require(server.soapURL)

        let good = try await VTJDropBinary.runDetached(["check", "--config", try Self.configuration(in: folder, url: url)], environment: Self.environment)
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(good.stdout.contains("wire:           soap (DVV's SOAP query interface, VTJ-kyselyrajapinta)"))
        #expect(good.stdout.contains("the interface answered the test query for 010101A***X: not found; product PERUSSANOMA 3"))
        #expect(server.counters.requests("HenkilonTunnusKysely") == 1)

        var wrong = Self.environment
        wrong["VTJDROP_VTJ_PASSWORD"] = "Vaara-sala-42"
        let refused = try await VTJDropBinary.runDetached(["check", "--config", try Self.configuration(in: folder, url: url)], environment: wrong)
        #expect(refused.status == 1 && refused.stdout.contains("authentication: FAILED: return code 0003"), "\(refused.stdout)")
        #expect(refused.stdout.contains("check VTJDROP_VTJ_USER and the password file"))
        #expect(!refused.stdout.contains("Vaara-sala-42") && !refused.stderr.contains("Vaara-sala-42"), "a password is never printed")

        let product = try await VTJDropBinary.runDetached(["check", "--config", try Self.configuration(in: folder, url: url, product: "PERUSSANOMA 9")],
                                                          environment: Self.environment)
        #expect(product.status == 1 && product.stdout.contains("return code -1900") && product.stdout.contains("vtj.soap_product"), "\(product.stdout)")

        let rest = try await VTJDropBinary.runDetached(["check", "--config", try Self.configuration(in: folder, url: try #require(server.baseURL))],
                                                       environment: Self.environment)
        #expect(rest.status == 1 && rest.stdout.contains("SOAP endpoint (usually its root"), "\(rest.stdout)")
    }

    @Test("demo --wire soap serves the henkilötunnus drops over SOAP and refuses following and changes with a receipt")
    func demoOnTheSOAPWire() async throws {
        let temp = try TempFolder()
        defer { temp.remove() }
        let folder = temp.path + "/demo"
        let demo = try await VTJDropBinary.runDetached(["demo", "--wire", "soap", "--folder", folder], environment: [:])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("SOAP query interface (VTJ-kyselyrajapinta, product PERUSSANOMA 3)"))
        #expect(demo.stdout.contains("privacy check: no street name"), "\(demo.stdout)")
        let sivistys = try FileManager.default.contentsOfDirectory(atPath: folder + "/outbox/sivistys")
        #expect(sivistys.contains { $0.hasPrefix("luokka-7b.") && $0.hasSuffix(".csv") }, "\(sivistys)")
        let receipts = try FileManager.default.contentsOfDirectory(atPath: folder + "/outbox/vesihuolto").filter { $0.hasSuffix(".kuitti.txt") }
        #expect(!receipts.isEmpty)
        for name in receipts {
            let text = try String(contentsOfFile: folder + "/outbox/vesihuolto/" + name, encoding: .utf8)
            #expect(text.contains("syykoodi: toiminto-ei-rajapinnassa") && text.contains("vtj.wire: xml tai json"), "\(name)")
        }
    }
}
