import VTJCore
import VTJXML

/// libFuzzer entry: a request document drop (`<pyynto …>`) through the real libxml2 reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let request = try RequestDocumentReader().read(bytes, file: "fuzz.xml")
        precondition(request.hetus.count == request.hetuLines.count, "one line per accepted value")
        precondition(Set(request.hetus).count == request.hetus.count, "accepted values are distinct")
        precondition(request.hetuElements == request.hetus.count + request.duplicateCount + request.rejectedCount,
                     "every <hetu> is filed once")
        precondition(request.operation.takesHetus == (request.hetuElements > 0), "hetulista matches toiminto")
        precondition((request.reference?.count ?? 0) <= 200, "tunniste is bounded")
        precondition(request.groups.map { $0.allSatisfy(\.isProductGroup) } ?? true, "only product groups are granted")
    } catch {
        _ = error.description
    }
    return 0
}
