"\u{1F600}\ud83d\ude00\x41\0\u2028"; '\
'; "unterminated