import Foundation
import Glibc
import Testing
@testable import VTJDrop

@Suite(.serialized) struct PublisherTests {
    private func setUp() throws -> (DropTestFolder, Publisher) {
        let temp = try DropTestFolder()
        let publisher = Publisher(folder: temp.path + "/outbox/sivistys")
        try publisher.prepare()
        return (temp, publisher)
    }

    private func visible(_ publisher: Publisher) throws -> [String] {
        try DropTestFolder.names(publisher.folder).filter { $0 != Publisher.temporaryFolderName }
    }

    private func mode(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    @Test func nothingIsVisibleBeforeCommit() throws {
        let (temp, publisher) = try setUp()
        defer { temp.remove() }
        let pending = try publisher.begin("lista.20261126T154300Z-0000000000.csv")
        try pending.append("hetu;tila\r\n")
        for index in 0..<50_000 { try pending.append("0105\(index);loytyi\r\n") }
        #expect(try visible(publisher).isEmpty)
        #expect(try DropTestFolder.names(publisher.temporaryFolder).count == 1)
        let path = try pending.commit()
        #expect(path == publisher.folder + "/lista.20261126T154300Z-0000000000.csv")
        #expect(try visible(publisher) == ["lista.20261126T154300Z-0000000000.csv"])
        #expect(try DropTestFolder.names(publisher.temporaryFolder).isEmpty)
        let content = try DropTestFolder.read(path)
        #expect(content.hasPrefix("hetu;tila\r\n01050;loytyi\r\n"))
        #expect(content.hasSuffix("010549999;loytyi\r\n"))
        #expect(Int64(content.utf8.count) == pending.byteCount)
    }

    @Test func modesAreSetExplicitlyWhateverTheUmask() throws {
        let old = umask(0o077)
        defer { umask(old) }
        let (temp, publisher) = try setUp()
        defer { temp.remove() }
        let path = try publisher.publish("kuitti.txt", bytes: Array("ok\n".utf8))
        #expect(mode(path) == 0o640)
        #expect(mode(publisher.temporaryFolder) == 0o750)
        let loose = Publisher(folder: temp.path + "/outbox/kirjasto", fileMode: 0o660)
        try loose.prepare()
        #expect(mode(try loose.publish("a.txt", bytes: [0x61])) == 0o660)
    }

    /// Found installing by the book (issue 12): the outbox is `2750 vtjdrop:vtj-<dept>` so the
    /// department reads its results through the group, but results took the service's own group
    /// (the temp folder they are written in had lost the setgid bit), so the department could not
    /// read them. An existing temp folder without the bit is mended at start.
    @Test func resultsTakeTheOutboxFoldersGroup() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let folder = temp.path + "/outbox/sivistys"
        try FileManager.default.createDirectory(atPath: folder + "/" + Publisher.temporaryFolderName, withIntermediateDirectories: true)
        let department: gid_t = getgid() == 0 ? 65534 : getgid()  // nogroup, when the test may give it away
        #expect(chown(folder, uid_t.max, department) == 0 && chmod(folder, 0o2750) == 0)
        #expect(chmod(folder + "/" + Publisher.temporaryFolderName, 0o750) == 0, "a temp folder from an older run")
        let publisher = Publisher(folder: folder)
        try publisher.prepare()
        #expect(mode(publisher.temporaryFolder) == 0o2750)
        let path = try publisher.publish("lista.kuitti.txt", bytes: Array("ok\n".utf8))
        var info = stat()
        #expect(lstat(path, &info) == 0 && info.st_gid == department, "the department's group, not the service's")
        #expect(info.st_mode & 0o777 == 0o640)
    }

    @Test(arguments: [false, true])
    func anExistingFileIsNeverOverwritten(linkFallback: Bool) throws {
        let (temp, prepared) = try setUp()
        defer { temp.remove() }
        var publisher = prepared
        publisher.forceLinkFallback = linkFallback
        try DropTestFolder.write("vanha\n", to: publisher.folder + "/tulos.csv")
        #expect(throws: DeliveryError.alreadyExists(path: publisher.folder + "/tulos.csv")) {
            try publisher.publish("tulos.csv", bytes: Array("uusi\n".utf8))
        }
        #expect(try DropTestFolder.read(publisher.folder + "/tulos.csv") == "vanha\n")
        #expect(try DropTestFolder.names(publisher.temporaryFolder).isEmpty)
        // And the ordinary path works with either mechanism.
        #expect(try DropTestFolder.read(try publisher.publish("uusi.csv", bytes: Array("uusi\n".utf8))) == "uusi\n")
        #expect(try DropTestFolder.names(publisher.temporaryFolder).isEmpty)
    }

    @Test(arguments: [false, true])
    func aSymlinkAtTheTargetIsNotFollowed(linkFallback: Bool) throws {
        let (temp, prepared) = try setUp()
        defer { temp.remove() }
        var publisher = prepared
        publisher.forceLinkFallback = linkFallback
        try DropTestFolder.write("muualla\n", to: temp.path + "/kohde.txt")
        try FileManager.default.createSymbolicLink(atPath: publisher.folder + "/tulos.csv", withDestinationPath: temp.path + "/kohde.txt")
        #expect(throws: DeliveryError.alreadyExists(path: publisher.folder + "/tulos.csv")) {
            try publisher.publish("tulos.csv", bytes: Array("salaista\n".utf8))
        }
        #expect(try DropTestFolder.read(temp.path + "/kohde.txt") == "muualla\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: publisher.folder + "/tulos.csv") == temp.path + "/kohde.txt")
    }

    @Test func abandonedWritesLeaveNothing() throws {
        let (temp, publisher) = try setUp()
        defer { temp.remove() }
        let pending = try publisher.begin("a.csv")
        try pending.append(Array(repeating: 0x41, count: 200_000))
        pending.abandon()
        pending.abandon()
        #expect(throws: DeliveryError.self) { try pending.commit() }
        do {
            let dropped = try publisher.begin("b.csv")
            try dropped.append("kesken")
        } // released without commit
        #expect(try visible(publisher).isEmpty)
        #expect(try DropTestFolder.names(publisher.temporaryFolder).isEmpty)
    }

    @Test func aCommittedFileCannotBeWrittenAgain() throws {
        let (temp, publisher) = try setUp()
        defer { temp.remove() }
        let pending = try publisher.begin("a.csv")
        try pending.commit()
        #expect(throws: DeliveryError.self) { try pending.append("x") }
        #expect(throws: DeliveryError.self) { try pending.commit() }
        #expect(try visible(publisher) == ["a.csv"])
    }

    @Test(arguments: ["", ".piilo.csv", "../karkuun.csv", "a/b.csv", String(repeating: "x", count: 256), "nul\u{0}.csv"])
    func namesThatAreNotPlainFileNamesAreRefused(name: String) throws {
        let (temp, publisher) = try setUp()
        defer { temp.remove() }
        #expect(throws: DeliveryError.invalidName(name)) { try publisher.begin(name) }
    }

    @Test func staleTemporaryFilesAreRemovedAtStartup() throws {
        let (temp, publisher) = try setUp()
        defer { temp.remove() }
        try DropTestFolder.write("puolikas", to: publisher.temporaryFolder + "/x.csv.abc.part")
        try DropTestFolder.write("puolikas", to: publisher.temporaryFolder + "/y.csv.def.part")
        #expect(try publisher.removeStaleTemporaryFiles() == 2)
        #expect(try DropTestFolder.names(publisher.temporaryFolder).isEmpty)
        #expect(try Publisher(folder: "/nonexistent/outbox").removeStaleTemporaryFiles() == 0)
    }

    @Test func aTemporaryNameBroughtBackByPowerLossGoesAndThePublishedFileStays() throws {
        // The temp folder is not synced after the rename: power loss may bring the temp name back
        // as a second link to the published file. The start's sweep removes it, nothing else.
        let (temp, publisher) = try setUp()
        defer { temp.remove() }
        let published = try publisher.publish("tulos.csv", bytes: Array("010594Y9032;x\n".utf8))
        #expect(link(published, publisher.temporaryFolder + "/tulos.csv.abc.part") == 0)
        #expect(try publisher.removeStaleTemporaryFiles() == 1)
        #expect(try DropTestFolder.names(publisher.temporaryFolder).isEmpty)
        #expect(try visible(publisher) == ["tulos.csv"])
        #expect(try String(contentsOfFile: published, encoding: .utf8) == "010594Y9032;x\n")
    }
}
