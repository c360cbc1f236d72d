/// The options that take the next argument as their value even when it begins with `-` (`parsing: .unconditional`),
/// so a negative year after them is read as their value.
let optionsTakingNegativeValues: Set<String> = ["--year", "--date", "--window", "--years", "--from", "--to"]

/// A hint for a usage error when an argument looks like a negative slice the parser took for an option (`entente
/// diff G -0004 0004`: positional slices), or `nil` when there is none.
///
/// - Parameter arguments: The arguments after the program's name.
/// - Returns: The hint, naming the argument and how to write it.
func negativeArgumentHint(_ arguments: [String]) -> String? {
  for (index, argument) in arguments.enumerated() {
    if argument == "--" { return nil }
    guard argument.hasPrefix("-"), let next = argument.dropFirst().first, ("0"..."9").contains(next) else { continue }
    if index > 0, optionsTakingNegativeValues.contains(arguments[index - 1]) { continue }
    return
      "note: '\(argument)' is read as an option; a negative slice given as an argument goes after '--' (entente diff GRAPH -- -0004 0004)"
  }
  return nil
}
