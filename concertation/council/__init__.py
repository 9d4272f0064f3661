"""The Conseil du Numérique en Santé inside the concertation app (same app label, same URL
namespace `concertation:`): meetings, working groups, applications, the ethics cell."""
