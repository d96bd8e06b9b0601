"""Write an extxyz file as ASE writes it (ase.io.write, format extxyz: species + %16.8f positions), from the
seeded generator's file. Usage: ase_write.py IN.extxyz OUT.extxyz"""
import sys
from ase.io import iread, write
write(sys.argv[2], iread(sys.argv[1], index=":", format="extxyz"), format="extxyz")
