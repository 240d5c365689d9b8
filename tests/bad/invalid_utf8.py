# expect: 2:9: error: invalid UTF-8 (byte 0xff); save the script as UTF-8 text
s = 'cafÿ'
