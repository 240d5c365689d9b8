# expect: 2:9: error: truncated \xXX escape
s = 'tab\x9'
