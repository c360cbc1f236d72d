/// One stable counting pass of an LSD radix sort of 64-bit words, by the digit `word >> shift & mask`: the words
/// are written in digit order into `spare` (which must hold as many), and the two arrays swapped.
///
/// `counts` holds one counter per digit (its contents are overwritten). O(n + digits).
func radixPass(_ words: inout [UInt64], spare: inout [UInt64], counts: inout [Int], shift: UInt64, mask: UInt64) {
  words.withUnsafeBufferPointer { words in
    spare.withUnsafeMutableBufferPointer { spare in
      counts.withUnsafeMutableBufferPointer { counts in
        for index in counts.indices { counts[index] = 0 }
        for word in words { counts[Int(word >> shift & mask)] += 1 }
        var total = 0
        for index in counts.indices { (counts[index], total) = (total, total + counts[index]) }
        for word in words {
          let digit = Int(word >> shift & mask)
          spare[counts[digit]] = word
          counts[digit] += 1
        }
      }
    }
  }
  swap(&words, &spare)
}
