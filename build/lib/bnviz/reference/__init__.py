"""NumPy reference implementations of the normalizations, used to check Keras'
layers and to show the arithmetic on the pages."""
