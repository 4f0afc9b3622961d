import Foundation
import Glibc
import Testing
import VTJCore
import VTJDrop

@Suite struct InboxScannerTests {
    @Test func listsRegularFilesAndRefusesEverythingElseWithoutOpeningIt() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let inbox = try temp.folder("inbox/sivistys")
        try DropTestFolder.write("010594Y9032\n", to: inbox + "/lista.txt")
        try DropTestFolder.write("x", to: inbox + "/.piilo.txt")
        try FileManager.default.createSymbolicLink(atPath: inbox + "/passwd.txt", withDestinationPath: "/etc/passwd")
        #expect(mkfifo(inbox + "/putki.txt", 0o644) == 0)
        try temp.folder("inbox/sivistys/alikansio")
        try DropTestFolder.write(String(repeating: "0", count: 2048), to: inbox + "/iso.txt")
        try DropTestFolder.write(String(repeating: "0", count: 4096), to: inbox + "/lataus.csv.part")
        try FileManager.default.createSymbolicLink(atPath: inbox + "/.piilolinkki", withDestinationPath: "/etc/passwd")

        // A FIFO that is opened for reading blocks until a writer comes: the scan returning
        // at all shows it was never opened.
        let listing = try InboxScanner(maximumFileBytes: 1024).scan(folder: inbox)
        #expect(listing.files.keys.sorted() == [".piilo.txt", "lista.txt"])
        #expect(listing.files["lista.txt"]?.stamp.size == 12)
        let refused = Dictionary(uniqueKeysWithValues: listing.refused.map { ($0.entry.name.display, $0.refusal) })
        #expect(refused["passwd.txt"] == .notAFile(.symbolicLink))
        #expect(refused["putki.txt"] == .notAFile(.fifo))
        #expect(refused["alikansio"] == .notAFile(.directory))
        #expect(refused["iso.txt"] == .tooLarge(size: 2048, limit: 1024))
        #expect(refused.count == 4)
        #expect(listing.stamps.keys.sorted() == [".piilo.txt", "lista.txt"])
    }

    @Test func socketsAreRefused() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let inbox = try temp.folder("inbox/a")
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array((inbox + "/pistoke.txt").utf8CString)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.enumerated() where index < raw.count { raw[index] = UInt8(bitPattern: byte) }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0)
        let listing = try InboxScanner().scan(folder: inbox)
        #expect(listing.files.isEmpty)
        #expect(listing.refused.map(\.refusal) == [.notAFile(.socket)])
    }

    @Test func oddNamesAreListedEscapedAndNeverUsedAsPaths() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let inbox = try temp.folder("inbox/a")
        let newline = Array("rivi\nvaihto.txt".utf8)
        let latin1: [UInt8] = [0x6C, 0xE4, 0x68, 0x74, 0xF6, 0x2E, 0x74, 0x78, 0x74] // "lähtö.txt" in Latin-1
        let longest = [UInt8](repeating: 0x61, count: 251) + Array(".txt".utf8)
        let dots = Array("..txt".utf8)
        for name in [newline, latin1, longest, dots] {
            try DropTestFolder.write(Array("010594Y9032\n".utf8), named: name, in: inbox)
        }
        let listing = try InboxScanner().scan(folder: inbox)
        let names = Set(listing.files.values.map(\.name))
        #expect(names == Set([newline, latin1, longest, dots].map { DropFileName(raw: $0) }))
        #expect(listing.files["rivi\\nvaihto.txt"] != nil)
        #expect(listing.files["l\\xE4ht\\xF6.txt"] != nil)

        let claimer = Claimer(stateFolder: temp.path + "/state")
        try claimer.prepare()
        for name in names {
            guard case .claimed(let claimed) = try claimer.claim(name, department: "a", from: inbox, id: DropIDGenerator.next()) else {
                Issue.record("\(name) was not claimed")
                continue
            }
            #expect(claimed.path.hasPrefix(temp.path + "/state/work/"))
            #expect(!claimed.path.contains("\n"))
            #expect(try claimed.readAll(limit: 1024) == Array("010594Y9032\n".utf8))
        }
        #expect(try DropTestFolder.names(inbox).isEmpty)
    }

    @Test func unconfiguredDepartmentFoldersAreReported() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        try temp.folder("inbox/sivistys")
        try temp.folder("inbox/kirjasto")
        try temp.folder("inbox/tuntematon")
        try temp.folder("inbox/.snapshot")
        let unknown = try InboxScanner().unconfiguredFolders(inbox: temp.path + "/inbox", departments: ["sivistys", "kirjasto"])
        #expect(unknown.map(\.display) == ["tuntematon"])
    }

    @Test func aSymlinkedDepartmentFolderIsRefused() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let real = try temp.folder("muualla")
        try temp.folder("inbox")
        try FileManager.default.createSymbolicLink(atPath: temp.path + "/inbox/a", withDestinationPath: real)
        #expect(throws: IntakeError.notAFolder(path: temp.path + "/inbox/a")) {
            try InboxScanner().scan(folder: temp.path + "/inbox/a")
        }
    }
}
