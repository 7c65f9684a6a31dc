"""pytest's setup for the lab's tests: lab/ on the import path, so that they import the lab package (drlab) and
the helpers beside them (running, test_lab) by name, whatever pytest's --import-mode."""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)
