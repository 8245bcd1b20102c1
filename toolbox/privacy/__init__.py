"""The disclosure rules of PRODUCT.md section 5 that more than one feature keeps."""
