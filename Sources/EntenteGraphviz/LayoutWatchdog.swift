import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A time bound on each Graphviz layout and render call.
///
/// Graphviz cannot be interrupted inside a call (`circo` with hundreds of clusters runs for minutes), so a bound
/// cannot end the call and carry on: when a call outlasts the bound, the handler set with ``limit(to:onExpiry:)``
/// runs on another thread while the call is still going, and must end the process (a command-line tool prints a
/// message and exits; files already written stay whole, as every file is written atomically, and the one being
/// drawn has not been started). Without a bound (the default) calls run as long as they take.
public final class LayoutWatchdog: @unchecked Sendable {
  /// The process's watchdog, used by every Graphviz call.
  public static let shared = LayoutWatchdog()

  private let lock = NSLock()
  private var seconds: Double?
  private var handler: (@Sendable (String, Double) -> Void)?
  private var generation = 0
  private var standardError: Int32 = -1
  private let queue = DispatchQueue(label: "entente.layout-watchdog")

  private init() {}

  /// Bounds every later layout and render call.
  ///
  /// - Parameters:
  ///   - seconds: The longest one call may take; `nil` removes the bound.
  ///   - onExpiry: Called with what was being done (`render of graph "g" with circo`) and the bound, from
  ///     another thread, when a call outlasts it; it should end the process.
  public func limit(to seconds: Double?, onExpiry: @escaping @Sendable (String, Double) -> Void) {
    lock.lock()
    self.seconds = seconds
    handler = onExpiry
    if standardError < 0 { standardError = dup(2) }
    lock.unlock()
  }

  /// Writes a line to the process's standard error as it was when the bound was set: during a Graphviz call
  /// descriptor 2 points at a capture file (what Graphviz's plugins print becomes warnings), so a handler
  /// reports through this.
  public func report(_ line: String) {
    lock.lock()
    let descriptor = standardError >= 0 ? standardError : 2
    lock.unlock()
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
  }

  /// Runs `body` (one Graphviz call) under the bound.
  func guarding<R>(_ context: String, _ body: () -> R) -> R {
    lock.lock()
    generation += 1
    let armed = generation
    let bound = seconds
    let handler = handler
    lock.unlock()
    if let bound, let handler {
      queue.asyncAfter(deadline: .now() + bound) { [self] in
        lock.lock()
        let current = generation == armed
        lock.unlock()
        if current { handler(context, bound) }
      }
    }
    let result = body()
    lock.lock()
    generation += 1
    lock.unlock()
    return result
  }
}
