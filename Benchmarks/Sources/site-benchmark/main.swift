import SiteExport
print("stub")
