import Testing
import VTJCore

@Suite struct SettleTrackerTests {
    typealias Tracker = SettleTracker<TestInstant>

    private func stamp(_ size: Int64, _ mtime: Int64 = 1_000, inode: UInt64 = 7) -> FileStamp {
        FileStamp(size: size, modifiedNanoseconds: mtime, inode: inode)
    }

    private func action(_ pass: Tracker.Pass, _ name: String) -> Tracker.Action? {
        pass.decisions.first { $0.name == name }?.action
    }

    /// The rename contract's fast path: renamed into place, or closed by its writer, is ready at once.
    @Test func renameModeIsReadyAtFirstSightWhenRenamedInOrClosed() {
        var tracker = Tracker(mode: .rename)
        let pass = tracker.observe(["lista.txt": stamp(12), "suora.txt": stamp(30)], at: .zero,
                                   activity: ["lista.txt": .movedIn, "suora.txt": .closed])
        #expect(action(pass, "lista.txt") == .ready(marker: nil))
        #expect(action(pass, "suora.txt") == .ready(marker: nil))
        #expect(pass.nextCheck == nil)
    }

    /// Issue 12, finding 5: a file written in place was taken at first sight. Without the kernel's
    /// word (no inotify, a share, a file there before the start, a lost event, a hard link just
    /// created) a rename-mode file must settle like in settle mode.
    @Test func renameModeSettlesWhatTheKernelSaidNothingAbout() {
        var tracker = Tracker(mode: .rename, settlePeriod: .seconds(2))
        var pass = tracker.observe(["vanha.txt": stamp(12), "linkki.txt": stamp(9)], at: .zero, activity: ["linkki.txt": .created])
        #expect(action(pass, "vanha.txt") == .wait(until: .seconds(2)))
        #expect(action(pass, "linkki.txt") == .wait(until: .seconds(2)))
        pass = tracker.observe(["vanha.txt": stamp(12), "linkki.txt": stamp(9)], at: .seconds(2), activity: ["linkki.txt": .created])
        #expect(pass.ready.map(\.name).sorted() == ["linkki.txt", "vanha.txt"])
    }

    /// A file found at start whose change time shows it untouched for a while is taken at once in
    /// `rename` and `settle` mode (a restart need not make every waiting drop settle again);
    /// `marker` still wants its marker.
    @Test func aFileQuietByItsChangeTimeIsReadyAtFirstSight() {
        for mode in [ReadinessMode.rename, .settle] {
            var tracker = Tracker(mode: mode, settlePeriod: .seconds(2))
            let pass = tracker.observe(["vanha.txt": stamp(40)], at: .zero, activity: ["vanha.txt": .quiet])
            #expect(action(pass, "vanha.txt") == .ready(marker: nil), "\(mode)")
        }
        var marker = Tracker(mode: .marker)
        #expect(action(marker.observe(["vanha.txt": stamp(40)], at: .zero, activity: ["vanha.txt": .quiet]), "vanha.txt") == .wait(until: nil))
    }

    /// A file changed shortly before the appliance started watching (no event about it, a recent
    /// change time) may be held open by a writer that only pauses: in `rename` and `settle` mode it
    /// must stay unchanged for the unwatched period, not the settle period; a change restarts it.
    @Test func aFileChangedJustBeforeWatchingWaitsTheLongerPeriod() {
        for mode in [ReadinessMode.rename, .settle] {
            var tracker = Tracker(mode: mode, settlePeriod: .seconds(2), unwatchedSettlePeriod: .seconds(10))
            var pass = tracker.observe(["kesken.csv": stamp(500, 1)], at: .zero, activity: ["kesken.csv": .unwatched])
            #expect(action(pass, "kesken.csv") == .wait(until: .seconds(10)), "\(mode)")
            pass = tracker.observe(["kesken.csv": stamp(500, 1)], at: .seconds(4), activity: ["kesken.csv": .unwatched])
            #expect(pass.ready.isEmpty, "\(mode): not after the settle period alone")
            pass = tracker.observe(["kesken.csv": stamp(900, 2)], at: .seconds(5), activity: ["kesken.csv": .unwatched])
            #expect(action(pass, "kesken.csv") == .wait(until: .seconds(15)), "\(mode): the writer resumed")
            pass = tracker.observe(["kesken.csv": stamp(900, 2)], at: .seconds(15), activity: ["kesken.csv": .unwatched])
            #expect(pass.ready.map(\.name) == ["kesken.csv"], "\(mode)")
        }
        // Never shorter than the settle period itself.
        var long = Tracker(mode: .settle, settlePeriod: .seconds(30), unwatchedSettlePeriod: .seconds(10))
        #expect(action(long.observe(["a.csv": stamp(5)], at: .zero, activity: ["a.csv": .unwatched]), "a.csv") == .wait(until: .seconds(30)))
        var marker = Tracker(mode: .marker)
        #expect(action(marker.observe(["a.csv": stamp(5)], at: .zero, activity: ["a.csv": .unwatched]), "a.csv") == .wait(until: nil))
    }

    /// A file the kernel says is open for writing is never ready, in any mode and however long it
    /// has been quiet (a writer pausing with its descriptor open); closing it makes it ready.
    @Test(arguments: ReadinessMode.allCases)
    func aFileStillOpenForWritingIsNeverReady(_ mode: ReadinessMode) {
        var tracker = Tracker(mode: mode, settlePeriod: .seconds(2))
        let listing = ["auki.txt": stamp(500), "auki.txt.done": stamp(0)]
        for second in [0.0, 5, 60, 3600] {
            let pass = tracker.observe(listing, at: .seconds(second), activity: ["auki.txt": .written])
            #expect(action(pass, "auki.txt") == .wait(until: nil), "\(mode) at \(second) s")
        }
        let closed = tracker.observe(listing, at: .seconds(3601), activity: ["auki.txt": .closed])
        #expect(closed.ready.map(\.name).contains("auki.txt"), "\(mode): ready once closed")
    }

    /// A file still being written (growing) is not ready until it stayed unchanged for the
    /// settle period, measured from the last change the tracker saw.
    @Test func settleModeWaitsForAQuietPeriod() {
        var tracker = Tracker(mode: .settle, settlePeriod: .seconds(2))
        var pass = tracker.observe(["a.csv": stamp(100, 1)], at: .seconds(0))
        #expect(action(pass, "a.csv") == .wait(until: .seconds(2)))
        #expect(pass.nextCheck == .seconds(2))

        pass = tracker.observe(["a.csv": stamp(200, 2)], at: .seconds(1.5)) // grew
        #expect(action(pass, "a.csv") == .wait(until: .seconds(3.5)))

        pass = tracker.observe(["a.csv": stamp(200, 2)], at: .seconds(3.4))
        #expect(action(pass, "a.csv") == .wait(until: .seconds(3.5)))

        pass = tracker.observe(["a.csv": stamp(200, 2)], at: .seconds(3.5))
        #expect(action(pass, "a.csv") == .ready(marker: nil))
    }

    /// Copies keep the source's old mtime; the settle period must still count from first sight.
    @Test func settleIgnoresAnOldModificationTime() {
        var tracker = Tracker(mode: .settle, settlePeriod: .seconds(2))
        let old = stamp(5_000, 86_400 * 365)
        #expect(action(tracker.observe(["vanha.txt": old], at: .seconds(100)), "vanha.txt") == .wait(until: .seconds(102)))
        #expect(action(tracker.observe(["vanha.txt": old], at: .seconds(102)), "vanha.txt") == .ready(marker: nil))
    }

    @Test func replacingTheFileUnderTheSameNameRestartsTheSettlePeriod() {
        var tracker = Tracker(mode: .settle, settlePeriod: .seconds(2))
        _ = tracker.observe(["a.txt": stamp(10, 5, inode: 1)], at: .seconds(0))
        let pass = tracker.observe(["a.txt": stamp(10, 5, inode: 2)], at: .seconds(1.9))
        #expect(action(pass, "a.txt") == .wait(until: .seconds(3.9)))
    }

    /// A file created empty and written later must not be claimed empty after 2 s.
    @Test func anEmptyFileWaitsLonger() {
        var tracker = Tracker(mode: .settle, settlePeriod: .seconds(2), emptySettlePeriod: .seconds(30))
        #expect(action(tracker.observe(["a.txt": stamp(0)], at: .seconds(0)), "a.txt") == .wait(until: .seconds(30)))
        #expect(action(tracker.observe(["a.txt": stamp(0)], at: .seconds(5)), "a.txt") == .wait(until: .seconds(30)))
        #expect(action(tracker.observe(["a.txt": stamp(0)], at: .seconds(30)), "a.txt") == .ready(marker: nil))
        var other = Tracker(mode: .settle, settlePeriod: .seconds(2))
        _ = other.observe(["b.txt": stamp(0)], at: .seconds(0))
        #expect(action(other.observe(["b.txt": stamp(40, 9)], at: .seconds(5)), "b.txt") == .wait(until: .seconds(7)))
        #expect(action(other.observe(["b.txt": stamp(40, 9)], at: .seconds(7)), "b.txt") == .ready(marker: nil))
        // In rename mode an empty file renamed into place is what the producer meant.
        var renamed = Tracker(mode: .rename)
        #expect(action(renamed.observe(["c.txt": stamp(0)], at: .seconds(0), activity: ["c.txt": .movedIn]), "c.txt") == .ready(marker: nil))
    }

    @Test func markerModeWaitsForTheDoneFileAndNamesItForConsumption() {
        var tracker = Tracker(mode: .marker)
        var pass = tracker.observe(["x.txt": stamp(10)], at: .seconds(0))
        #expect(action(pass, "x.txt") == .wait(until: nil))
        #expect(pass.nextCheck == nil)
        pass = tracker.observe(["x.txt": stamp(10), "x.txt.done": stamp(0)], at: .seconds(5))
        #expect(action(pass, "x.txt") == .ready(marker: "x.txt.done"))
        #expect(action(pass, "x.txt.done") == .ignore(.marker))
        #expect(pass.ready.map(\.marker) == ["x.txt.done"])
    }

    @Test(arguments: [
        (".hidden.txt", DropNameRule.dotFile),
        (".~lock.lista.csv#", .dotFile),
        ("lista.tmp", .temporary),
        ("LISTA.TMP", .temporary),
        ("upload.csv.part", .temporary),
        ("~$lista.xlsx", .officeLock),
        ("lista.txt.done", .marker),
    ])
    func neverReadyNames(name: String, rule: DropNameRule) {
        for mode in ReadinessMode.allCases {
            var tracker = Tracker(mode: mode, settlePeriod: .seconds(2))
            _ = tracker.observe([name: stamp(1)], at: .seconds(0))
            let pass = tracker.observe([name: stamp(1)], at: .seconds(60))
            #expect(action(pass, name) == .ignore(rule), "mode \(mode)")
            #expect(pass.ready.isEmpty)
        }
    }

    @Test func ordinaryNamesAreNotExcluded() {
        for name in ["lista.txt", "pyynto.xml", "a.done.txt", "tmp.csv", "part1.csv", "x~$.txt"] {
            #expect(DropNameRule.exclusion(for: name) == nil, "\(name)")
        }
    }

    /// A backlog must not starve a file: decisions come oldest first sight first, whatever
    /// the names or the order of the listing.
    @Test func readyFilesComeOldestFirst() {
        var tracker = Tracker(mode: .rename)
        let renamed: [String: WriteActivity] = ["zeta.txt": .movedIn, "alpha.txt": .movedIn, "beta.txt": .movedIn]
        _ = tracker.observe(["zeta.txt": stamp(1)], at: .seconds(0), activity: ["zeta.txt": .written])
        _ = tracker.observe(["zeta.txt": stamp(1), "alpha.txt": stamp(1)], at: .seconds(1), activity: ["zeta.txt": .written, "alpha.txt": .written])
        let pass = tracker.observe(["beta.txt": stamp(1), "alpha.txt": stamp(1), "zeta.txt": stamp(1)], at: .seconds(2), activity: renamed)
        #expect(pass.ready.map(\.name) == ["zeta.txt", "alpha.txt", "beta.txt"])
        #expect(pass.decisions.map(\.firstSeen) == [.seconds(0), .seconds(1), .seconds(2)])
    }

    @Test func vanishedFilesAreForgottenAndStartAfreshWhenTheyReturn() {
        var tracker = Tracker(mode: .settle, settlePeriod: .seconds(2))
        _ = tracker.observe(["a.txt": stamp(1)], at: .seconds(0))
        _ = tracker.observe([:], at: .seconds(1))
        #expect(tracker.trackedCount == 0)
        let pass = tracker.observe(["a.txt": stamp(1)], at: .seconds(10))
        #expect(action(pass, "a.txt") == .wait(until: .seconds(12)))
        #expect(pass.decisions.first?.firstSeen == .seconds(10))
    }

    @Test func forgetAfterAClaimResetsFirstSight() {
        var tracker = Tracker(mode: .settle, settlePeriod: .seconds(2))
        _ = tracker.observe(["a.txt": stamp(1)], at: .seconds(0))
        tracker.forget("a.txt")
        let pass = tracker.observe(["a.txt": stamp(1)], at: .seconds(3))
        #expect(action(pass, "a.txt") == .wait(until: .seconds(5)))
    }

    @Test func nextCheckIsTheEarliestDeadline() {
        var tracker = Tracker(mode: .settle, settlePeriod: .seconds(2))
        _ = tracker.observe(["a.txt": stamp(1)], at: .seconds(0))
        let pass = tracker.observe(["a.txt": stamp(1), "b.txt": stamp(1)], at: .seconds(1))
        #expect(pass.nextCheck == .seconds(2))
    }
}
