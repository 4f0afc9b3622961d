/// The appliance itself cannot work (as opposed to one drop failing, which gets a receipt).
package enum PipelineError: Error, Sendable, CustomStringConvertible {
    case setup(String)

    package var description: String {
        switch self {
        case .setup(let reason): "vtjdrop cannot start: \(reason)"
        }
    }
}
