/// The appliance itself cannot work (as opposed to one drop failing, which gets a receipt).
public enum PipelineError: Error, Sendable, CustomStringConvertible {
    case setup(String)

    public var description: String {
        switch self {
        case .setup(let reason): "vtjdrop cannot start: \(reason)"
        }
    }
}
