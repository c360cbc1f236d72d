import Testing

extension Tag {
  /// Suites that take seconds (they run the built `entente`, render through Graphviz, or load the whole data
  /// set): `Scripts/test.sh --fast` leaves them out, by their names found next to this tag.
  @Tag static var slow: Self
}
