import VTJCore

/// The journal's name for a drop's state: the core's ``DropState`` (legal moves in ``DropLifecycle``).
public typealias RequestState = DropState
