return
1; a
++b; throw
x